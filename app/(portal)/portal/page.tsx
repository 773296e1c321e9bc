import type { Metadata } from "next";

export const metadata: Metadata = { title: "My training" };

export default function PortalHome() {
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">My training</h1>
      <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
        <p className="font-medium">Nothing assigned to you yet</p>
        <p className="mt-1 text-sm text-slate-600">
          Products, trainings and documents appear here once your administrator assigns them to you or to one of your groups.
        </p>
      </div>
    </div>
  );
}
