"use server";

import { api } from "@/app/_trpc/server";
import { requestPasswordResetInput } from "@/server/api/routers/auth/auth.schema";

export interface ForgotPasswordState {
  error: string | null;
  sentTo: string | null;
}

/** Same answer for every well-formed address: it must not tell whether the address has an account. */
export async function askForReset(_previous: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const parsed = requestPasswordResetInput.safeParse({ email: formData.get("email") ?? "" });
  if (!parsed.success)
    return { error: parsed.error.issues[0]?.message ?? "Enter the email address you sign in with.", sentTo: null };
  await api.auth.requestPasswordReset(parsed.data);
  return { error: null, sentTo: parsed.data.email };
}
