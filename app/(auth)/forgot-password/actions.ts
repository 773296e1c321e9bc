"use server";

import { headers } from "next/headers";
import { requestInfo } from "@/server/auth/request-info";
import { passwordResetRequestInput, requestPasswordReset } from "@/server/auth/password-reset";
import { db } from "@/server/db/client";
import { env } from "@/server/env";

export interface ForgotPasswordState {
  error: string | null;
  sentTo: string | null;
}

/** Same answer for every well-formed address: it must not tell whether the address has an account. */
export async function askForReset(_previous: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const parsed = passwordResetRequestInput.safeParse({ email: formData.get("email") ?? "" });
  if (!parsed.success)
    return { error: parsed.error.issues[0]?.message ?? "Enter the email address you sign in with.", sentTo: null };
  const { ip } = requestInfo(await headers());
  await requestPasswordReset(db(), { appUrl: env().APP_URL, secret: env().AUTH_SECRET }, parsed.data, { ip });
  return { error: null, sentTo: parsed.data.email };
}
