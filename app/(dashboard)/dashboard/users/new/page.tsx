import type { Metadata } from "next";
import Link from "next/link";
import { NewUserForm } from "./new-user-form";

export const metadata: Metadata = { title: "Add a user" };

export default function NewUserPage() {
  return (
    <div className="mx-auto max-w-2xl">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/dashboard/users" className="hover:underline">
          Users
        </Link>{" "}
        › <span aria-current="page">Add a user</span>
      </nav>
      <h1 className="mt-2 text-2xl font-semibold">Add a user</h1>
      <p className="mt-1 text-sm text-slate-600">
        The new user starts as <strong>Not invited</strong>. They get access once invited and signed in.
      </p>
      <NewUserForm />
    </div>
  );
}
