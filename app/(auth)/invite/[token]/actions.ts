"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import type { NewPasswordState } from "@/app/_components/new-password-form";
import { signIn } from "@/server/auth/config";
import { requestInfo } from "@/server/auth/request-info";
import { db } from "@/server/db/client";
import { acceptInvitation } from "@/server/invitations/accept";

export async function setPassword(
  token: string,
  _previous: NewPasswordState,
  formData: FormData,
): Promise<NewPasswordState> {
  const password = String(formData.get("password") ?? "");
  if (password !== String(formData.get("confirm") ?? ""))
    return { error: "The two passwords are not the same.", problems: [] };
  const { ip } = requestInfo(await headers());
  const outcome = await acceptInvitation(db(), token, password, ip);
  if (!outcome.ok) {
    return outcome.reason === "weak"
      ? { error: "Choose a stronger password.", problems: outcome.problems }
      : { error: "This invitation link no longer works. Ask your administrator for a new invitation.", problems: [] };
  }
  try {
    // The first sign-in makes the account Active; the person lands where their role takes them.
    await signIn("credentials", { email: outcome.email, password, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError)
      return { error: "Your password is set, but signing in failed. Sign in from the login page.", problems: [] };
    throw error; // the redirect after signing in travels as an error
  }
  return { error: null, problems: [] };
}
