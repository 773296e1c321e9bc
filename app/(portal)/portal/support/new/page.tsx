import type { Metadata } from "next";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { api, pageData } from "@/app/_trpc/server";
import { ReportForm } from "./report-form";

export const metadata: Metadata = { title: "Report an issue" };

export default async function ReportIssuePage({ searchParams }: { searchParams: Promise<{ item?: string }> }) {
  const [{ item }, form] = await Promise.all([searchParams, pageData(() => api.support.reportForm())]);
  // From an item's page: that item, when the person has it.
  const initialItem = form.items.some((i) => i.id === item) ? (item ?? null) : null;
  return (
    <div className="mx-auto max-w-2xl">
      <Breadcrumb trail={[{ href: "/portal/support", label: "Support" }]} current="Report an issue" />
      <h1 className="mt-2 text-2xl font-semibold">Report an issue</h1>
      {form.types.length === 0 ? (
        <p className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
          Nothing can be reported yet: the support team has not set up the kinds of issue. Please try again later.
        </p>
      ) : (
        <ReportForm types={form.types} items={form.items} initialItem={initialItem} />
      )}
    </div>
  );
}
