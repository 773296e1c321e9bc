"use client";

import Link from "next/link";
import { useActionState } from "react";
import { confirmEmail, type ConfirmEmailState } from "./actions";

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ConfirmEmailState>(confirmEmail.bind(null, token), { outcome: null });
  if (state.outcome?.changed) {
    return (
      <div role="status" className="mt-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
        Done: you now sign in with <strong>{state.outcome.email}</strong>.{" "}
        <Link href="/login" className="font-medium underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="mt-4">
      {state.outcome && (
        <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.outcome.message}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? "Confirming…" : "Confirm my new address"}
      </button>
    </form>
  );
}
