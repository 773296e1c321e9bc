import type { Metadata } from "next";
import Link from "next/link";
import { ImportUsers } from "./import-users";

export const metadata: Metadata = { title: "Import users" };

export default function ImportUsersPage() {
  return (
    <div className="mx-auto max-w-4xl">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/dashboard/users" className="hover:underline">
          Users
        </Link>{" "}
        › <span aria-current="page">Import from a CSV file</span>
      </nav>
      <h1 className="mt-2 text-2xl font-semibold">Import users from a CSV file</h1>
      <p className="mt-1 text-sm text-slate-600">
        Check the file first: nothing is created until you have seen what will happen to each row. Imported users start
        as <strong>Not invited</strong>.
      </p>
      <ImportUsers />
    </div>
  );
}
