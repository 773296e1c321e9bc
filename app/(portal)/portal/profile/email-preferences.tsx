"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorNotice } from "@/app/_components/controls";
import { useTRPC } from "@/app/_trpc/client";

/** The emails one chooses to get: the community boards' daily digest (on until turned off). */
export function EmailPreferences() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preferences = useQuery(trpc.me.emailPreferences.queryOptions());
  const save = useMutation(
    trpc.me.setEmailPreferences.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.me.emailPreferences.queryKey() }),
    }),
  );
  return (
    <section aria-labelledby="email-preferences" className="mt-8 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="email-preferences" className="text-base font-semibold">
        Emails
      </h2>
      <label className="mt-3 flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          checked={save.isPending ? (save.variables?.boardDigest ?? false) : (preferences.data?.boardDigest ?? false)}
          disabled={!preferences.data || save.isPending}
          onChange={(e) => save.mutate({ boardDigest: e.target.checked })}
        />
        <span>
          A daily email of what is new on my community boards
          <span className="block text-slate-600">Sent in the morning, only when something is unread.</span>
        </span>
      </label>
      {save.isSuccess && (
        <p role="status" className="mt-2 text-sm text-green-800">
          Saved.
        </p>
      )}
      <ErrorNotice error={save.error} />
    </section>
  );
}
