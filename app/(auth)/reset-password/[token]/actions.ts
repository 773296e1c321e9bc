"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import type { NewPasswordState } from "@/app/_components/new-password-form";
import { signIn } from "@/server/auth/config";
import { resetPassword } from "@/server/auth/password-reset";
import { requestInfo } from "@/server/auth/request-info";
import { db } from "@/server/db/client";

export async function choosePassword(
  token: string,
  _previous: NewPasswordState,
  formData: FormData,
): Promise<NewPasswordState> {
  const password = String(formData.get("password") ?? "");
  if (password !== String(formData.get("confirm") ?? ""))
    return { error: "The two passwords are not the same.", problems: [] };
  const { ip } = requestInfo(await headers());
  const outcome = await resetPassword(db(), token, password, ip);
  if (!outcome.ok) {
    return outcome.reason === "weak"
      ? { error: "Choose a stronger password.", problems: outcome.problems }
      : { error: "This link no longer works. Ask for a new one from the sign-in page.", problems: [] };
  }
  try {
    await signIn("credentials", { email: outcome.email, password, redirectTo: "/" });
  } catch (error) {
    // With two-step verification on, the sign-in needs a code: the sign-in page asks for it.
    if (error instanceof AuthError)
      return { error: null, problems: [], done: "Your new password is set. Sign in with it from the sign-in page." };
    throw error; // the redirect after signing in travels as an error
  }
  return { error: null, problems: [] };
}
