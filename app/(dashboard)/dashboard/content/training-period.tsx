"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, ErrorNotice, inputClass, labelClass } from "@/app/_components/controls";
import { useTRPC } from "@/app/_trpc/client";

/**
 * A course's training: which completions count (set when a version is published), and how many
 * days people have to complete it once it is theirs or once they must retrain.
 */
export function TrainingPeriod(props: { itemId: string; days: number; countsFromVersion: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [days, setDays] = useState(String(props.days));
  const save = useMutation(
    trpc.content.setTrainingPeriod.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.content.pathKey() }),
    }),
  );
  return (
    <section aria-labelledby="training-title" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="training-title" className="text-base font-semibold">
        Training
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {props.countsFromVersion === 1
          ? "Every completion of this course counts as training."
          : `Completions of version ${props.countsFromVersion} or later count as training; earlier ones stay in people's records as older training.`}
      </p>
      <form
        noValidate
        className="mt-3"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ itemId: props.itemId, days: Number(days) });
        }}
      >
        <label htmlFor="training-days" className={labelClass}>
          Days to complete it, once it is someone&apos;s or once they must retrain
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <input
            id="training-days"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            className={`${inputClass} max-w-32`}
          />
          <button type="submit" className={buttonClass} disabled={save.isPending || days === String(props.days)}>
            {save.isPending ? "Saving…" : "Save training period"}
          </button>
          {save.isSuccess && days === String(props.days) && (
            <p role="status" className="text-sm text-green-800">
              Saved.
            </p>
          )}
        </div>
      </form>
      <ErrorNotice error={save.error} />
    </section>
  );
}
