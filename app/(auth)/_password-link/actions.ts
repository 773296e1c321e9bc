"use server";

import { AuthError } from "next-auth";
import type { NewPasswordState } from "@/app/_components/new-password-form";
import { api } from "@/app/_trpc/server";
import { signIn } from "@/server/auth/config";

const invalid = {
  invitation: "This invitation link no longer works. Ask your administrator for a new invitation.",
  password_reset: "This link no longer works. Ask for a new one from the sign-in page.",
} as const;

/**
 * The form of a link that sets a password (an invitation, a reset): sets it through the API,
 * then signs the person in with it. The token is bound by the page.
 */
export async function setPasswordThroughLink(
  purpose: "invitation" | "password_reset",
  token: string,
  _previous: NewPasswordState,
  formData: FormData,
): Promise<NewPasswordState> {
  const password = String(formData.get("password") ?? "");
  if (password !== String(formData.get("confirm") ?? ""))
    return { error: "The two passwords are not the same.", problems: [] };
  const outcome = await api.auth.setPassword({ purpose, token, password });
  if (!outcome.ok) {
    return outcome.reason === "weak"
      ? { error: "Choose a stronger password.", problems: outcome.problems }
      : { error: invalid[purpose], problems: [] };
  }
  try {
    // The first sign-in makes an invited account Active; the person lands where their role takes them.
    await signIn("credentials", { email: outcome.email, password, redirectTo: "/" });
  } catch (error) {
    // With two-step verification on, the sign-in needs a code: the sign-in page asks for it.
    if (error instanceof AuthError) {
      return { error: null, problems: [], done: "Your password is set. Sign in with it from the sign-in page." };
    }
    throw error; // the redirect after signing in travels as an error
  }
  return { error: null, problems: [] };
}
