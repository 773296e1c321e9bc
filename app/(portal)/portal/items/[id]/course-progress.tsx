"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "@/app/_trpc/client";

/**
 * Records that this page was shown (where to resume, pages seen) and shows the progress it
 * leaves. Recorded from the browser, not while rendering: a prefetch records nothing.
 */
export function CourseProgress({
  itemId,
  page,
  total,
  initialPercent,
}: {
  itemId: string;
  page: number;
  total: number;
  initialPercent: number;
}) {
  const trpc = useTRPC();
  const record = useMutation(trpc.portal.recordPage.mutationOptions());
  const { mutate } = record;
  useEffect(() => {
    mutate({ itemId, page });
  }, [mutate, itemId, page]);
  const percent = record.data?.percent ?? initialPercent;
  const completed = record.data?.completed ?? initialPercent === 100;
  return (
    <div className="mt-3">
      <div
        className="h-2 rounded bg-slate-200"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label="Course progress"
      >
        <div className="h-2 rounded bg-brand-700 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-sm text-slate-700" aria-live="polite">
        {completed ? "Completed: 100 %" : `${percent} % of ${total} pages`}
        {record.isError && " · your progress could not be saved; it will be on the next page."}
      </p>
    </div>
  );
}
