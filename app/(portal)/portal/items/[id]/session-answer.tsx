"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { ErrorNotice } from "@/app/_components/controls";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_trpc/client";

/** Whether the person attends a teacher-led session, and afterwards what the trainer recorded. */
export function SessionAnswer({ itemId }: { itemId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mine = useQuery(trpc.content.mySession.queryOptions({ itemId }));
  const answer = useMutation(
    trpc.content.answerSession.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.content.mySession.queryKey({ itemId }) }),
    }),
  );
  if (!mine.data) return null;
  const { response, attended, recordedAt } = mine.data;
  if (attended !== null)
    return (
      <p role="status" className="mt-4 rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm">
        {attended ? (
          <>
            You attended
            {recordedAt && (
              <>
                {" "}
                (recorded <LocalTime value={recordedAt.toISOString()} />)
              </>
            )}
            : it is in your{" "}
            <Link href="/portal/training-record" className="font-medium text-brand-800 underline">
              training record
            </Link>
            .
          </>
        ) : (
          "The trainer recorded that you did not attend. Ask them if that is wrong."
        )}
      </p>
    );
  return (
    <section aria-labelledby="attend-title" className="mt-4 rounded-md border border-slate-200 bg-white px-4 py-3">
      <h2 id="attend-title" className="text-base font-semibold">
        Will you attend?
      </h2>
      <p className="mt-1 text-sm text-slate-700" role="status">
        {response === "attending"
          ? "You said you will attend. The trainer records your attendance on the day."
          : response === "not_attending"
            ? "You said you will not attend."
            : "Tell the trainer whether to expect you."}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {(
          [
            ["attending", "I will attend"],
            ["not_attending", "I cannot attend"],
          ] as const
        ).map(([value, label]) => (
          <button
            key={value}
            type="button"
            aria-pressed={response === value}
            disabled={answer.isPending}
            onClick={() => answer.mutate({ itemId, response: value })}
            className={`rounded-md border px-3 py-2 text-sm font-medium disabled:opacity-60 ${
              response === value
                ? "border-brand-700 bg-brand-700 text-white"
                : "border-slate-300 bg-white hover:bg-slate-50"
            }`}
          >
            {label}
          </button>
        ))}
      </div>
      <ErrorNotice error={answer.error} />
    </section>
  );
}
