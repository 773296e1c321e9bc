import type { Metadata } from "next";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { currentShell } from "@/app/_trpc/server";
import { NewUserForm } from "./new-user-form";

export const metadata: Metadata = { title: "Add a user" };

export default async function NewUserPage() {
  const shell = await currentShell();
  return (
    <div className="mx-auto max-w-2xl">
      <Breadcrumb trail={[{ href: "/dashboard/users", label: "Users" }]} current="Add a user" />
      <h1 className="mt-2 text-2xl font-semibold">Add a user</h1>
      <p className="mt-1 text-sm text-slate-600">
        The new user starts as <strong>Not invited</strong>. They get access once invited and signed in.
      </p>
      <NewUserForm grantRoles={shell.may.grantRoles} />
    </div>
  );
}
