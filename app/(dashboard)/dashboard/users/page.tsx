import type { Metadata } from "next";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

export default function UsersPage() {
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="mt-1 text-sm text-slate-600">Everyone in the part of the organisation you administer.</p>
      <UsersTable />
    </div>
  );
}
