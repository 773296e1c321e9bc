"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";

export function SendTestEmailForm() {
  const trpc = useTRPC();
  const [to, setTo] = useState("");
  const send = useMutation(trpc.email.sendTest.mutationOptions());
  const fieldError = send.error?.data?.zodIssues?.fieldErrors.to?.[0];

  return (
    <form
      className="mt-4 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate({ to });
      }}
    >
      <div className="min-w-0 flex-1">
        <label htmlFor="test-email-to" className="block text-sm font-medium text-slate-800">
          Send to
        </label>
        <input
          id="test-email-to"
          type="email"
          required
          maxLength={320}
          value={to}
          onChange={(event) => setTo(event.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby="test-email-status"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm"
        />
      </div>
      <button
        type="submit"
        disabled={send.isPending}
        className="rounded-md bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {send.isPending ? "Queueing…" : "Send test email"}
      </button>
      <p id="test-email-status" role="status" className="text-sm sm:basis-full">
        {send.isSuccess && <span className="text-green-800">Queued. The worker sends it within a few seconds.</span>}
        {send.isError && (
          <span className="text-red-800">
            {fieldError ?? "The test email could not be queued. Try again in a moment."}
          </span>
        )}
      </p>
    </form>
  );
}
