"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorNotice, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { useTRPC } from "@/app/_trpc/client";

const ratingWords = ["", "Poor", "Fair", "Good", "Very good", "Excellent"];

/**
 * The person's rating (1–5 stars) and comment on the version of the item they see: given once,
 * changed whenever they like. A course asks for it on its last page.
 */
export function ItemFeedback({ itemId, atCourseEnd = false }: { itemId: string; atCourseEnd?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mine = useQuery(trpc.feedback.mine.queryOptions({ itemId }));
  const [editing, setEditing] = useState(false);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState<string | null>(null);
  const give = useMutation(
    trpc.feedback.give.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.feedback.mine.queryKey({ itemId }) });
        setEditing(false);
      },
    }),
  );
  if (mine.isPending || mine.isError) return null;
  const given = mine.data.feedback;
  const shownRating = rating ?? given?.rating ?? 0;
  const shownComment = comment ?? given?.comment ?? "";
  const fieldError = give.error?.data?.zodIssues?.fieldErrors;
  const heading = atCourseEnd ? "You reached the end of the course: how was it?" : "How useful was this?";

  if (given && !editing)
    return (
      <section
        aria-labelledby="feedback-title"
        className="mt-8 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <h2 id="feedback-title" className="font-semibold">
          Your feedback
        </h2>
        <p className="mt-1">
          <span aria-hidden className="text-amber-500">
            {"★".repeat(given.rating)}
            <span className="text-slate-300">{"★".repeat(5 - given.rating)}</span>
          </span>{" "}
          You rated it {given.rating} of 5 ({ratingWords[given.rating]}). Thank you.
        </p>
        {given.comment && <p className="mt-1 break-words whitespace-pre-wrap text-slate-700">{given.comment}</p>}
        <button type="button" className="mt-2 font-medium text-brand-800 underline" onClick={() => setEditing(true)}>
          Change your feedback
        </button>
      </section>
    );

  return (
    <section aria-labelledby="feedback-title" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="feedback-title" className="font-semibold">
        {heading}
      </h2>
      <form
        className="mt-2 space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          give.mutate({ itemId, rating: shownRating, comment: shownComment });
        }}
      >
        <fieldset>
          <legend className={labelClass}>Your rating</legend>
          <div className="mt-1 flex gap-1">
            {[1, 2, 3, 4, 5].map((value) => (
              <label
                key={value}
                title={ratingWords[value]}
                className={`cursor-pointer rounded px-1 text-3xl leading-none has-focus-visible:ring-2 has-focus-visible:ring-brand-700 ${value <= shownRating ? "text-amber-500" : "text-slate-300"}`}
              >
                <input
                  type="radio"
                  name={`rating-${itemId}`}
                  value={value}
                  checked={shownRating === value}
                  onChange={() => setRating(value)}
                  className="sr-only"
                />
                <span aria-hidden>★</span>
                <span className="sr-only">
                  {value} {value === 1 ? "star" : "stars"}: {ratingWords[value]}
                </span>
              </label>
            ))}
          </div>
          {shownRating > 0 && <p className="mt-1 text-sm text-slate-700">{ratingWords[shownRating]}</p>}
          {fieldError?.rating?.[0] && (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {fieldError.rating[0]}
            </p>
          )}
        </fieldset>
        <div>
          <label htmlFor={`feedback-comment-${itemId}`} className={labelClass}>
            Comment <span className="font-normal text-slate-500">(optional: what helped, what was missing)</span>
          </label>
          <textarea
            id={`feedback-comment-${itemId}`}
            rows={3}
            maxLength={2_000}
            value={shownComment}
            onChange={(e) => setComment(e.target.value)}
            className={inputClass}
          />
          {fieldError?.comment?.[0] && (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {fieldError.comment[0]}
            </p>
          )}
        </div>
        {give.error && !fieldError && <ErrorNotice error={give.error} />}
        <button type="submit" className={primaryButtonClass} disabled={give.isPending}>
          {give.isPending ? "Sending…" : given ? "Save your feedback" : "Send feedback"}
        </button>
      </form>
    </section>
  );
}
