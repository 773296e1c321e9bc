"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/server/auth/config";

export interface LoginState {
  error: string | null;
}

// One message for every failure: it must not tell whether the email has an account.
const genericFailure = "That email and password did not work. Check both and try again.";

export async function login(_previous: LoginState, formData: FormData): Promise<LoginState> {
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirectTo: "/",
    });
  } catch (error) {
    if (error instanceof AuthError) return { error: genericFailure };
    throw error; // the redirect after a successful sign-in travels as an error
  }
  return { error: null };
}
