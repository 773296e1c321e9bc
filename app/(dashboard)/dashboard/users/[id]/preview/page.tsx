import { isId } from "@/app/_trpc/ids";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { PortalItems } from "@/app/_components/portal-items";
import { api, pageData } from "@/app/_trpc/server";

export const metadata: Metadata = { title: "Portal preview" };

/** The portal as one user in the admin's scope sees it, read-only: to check what they were given. */
export default async function PortalPreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isId(id)) notFound();
  const [user, home] = await pageData(() =>
    Promise.all([api.users.byId({ userId: id }), api.portal.previewAs({ userId: id })]),
  );
  const name = `${user.firstName} ${user.lastName}`.trim() || user.email;
  return (
    <div className="mx-auto max-w-5xl">
      <Breadcrumb
        trail={[
          { href: "/dashboard/users", label: "Users" },
          { href: `/dashboard/users/${id}`, label: name },
        ]}
        current="Portal preview"
      />
      <h1 className="mt-2 text-2xl font-semibold">{name}&apos;s portal</h1>
      <p className="mt-1 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">
        A read-only preview: what {name} sees under My training, with their progress.
      </p>
      <div className="mt-6">
        {home.items.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing is assigned to {name} yet.</p>
        ) : (
          <PortalItems items={home.items} counts={home.counts} linked={false} />
        )}
      </div>
    </div>
  );
}
