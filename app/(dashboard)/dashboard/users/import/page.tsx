import type { Metadata } from "next";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { ImportUsers } from "./import-users";

export const metadata: Metadata = { title: "Import users" };

export default function ImportUsersPage() {
  return (
    <div className="mx-auto max-w-4xl">
      <Breadcrumb trail={[{ href: "/dashboard/users", label: "Users" }]} current="Import from a CSV file" />
      <h1 className="mt-2 text-2xl font-semibold">Import users from a CSV file</h1>
      <p className="mt-1 text-sm text-slate-600">
        Check the file first: nothing is created until you have seen what will happen to each row. Imported users start
        as <strong>Not invited</strong>.
      </p>
      <ImportUsers />
    </div>
  );
}
