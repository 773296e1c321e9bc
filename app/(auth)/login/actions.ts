"use server";

import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { signIn } from "@/server/auth/config";
import { attemptLogin, attemptSecondFactor, issueSignInTicket, type LoginResult } from "@/server/auth/login";
import { requestInfo } from "@/server/auth/request-info";
import { deviceCookie, deviceCookieValue, deviceTokensOf, trustDevice } from "@/server/auth/trusted-devices";
import { db } from "@/server/db/client";
import { env } from "@/server/env";

export interface LoginState {
  error: string | null;
  /** What was typed, kept for the next try (React clears a form after its action). */
  email: string;
  /** Set once the password was right for an account with two-step verification: the code step. */
  challenge: string | null;
}

// One message for every failure: it must not tell whether the email has an account.
const genericFailure = "That email and password did not work. Check both and try again.";
const codeFailure = "That code did not work. Enter the code your app shows now, or one of your recovery codes.";

/**
 * The sign-in form's two steps: the password, then (with two-step verification) the code. Each is
 * checked here once; a login that passes is handed to next-auth as a single-use ticket.
 */
export async function login(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const jar = await cookies();
  const deviceTokens = deviceTokensOf(jar.get(deviceCookie.name)?.value);
  const context = { ...requestInfo(await headers()), deviceTokens };
  const email = String(formData.get("email") ?? "").slice(0, 320);
  const challenge = formData.get("challenge");
  let result: LoginResult;
  if (typeof challenge === "string" && challenge) {
    result = await attemptSecondFactor(
      db(),
      env().AUTH_SECRET,
      { challenge, code: String(formData.get("code") ?? "") },
      context,
    );
    if (result.ok !== true) return { error: codeFailure, challenge, email };
  } else {
    result = await attemptLogin(db(), { email, password: formData.get("password") }, context);
    if (result.ok === false) return { error: genericFailure, challenge: null, email };
    if (result.ok === "second_factor") return { error: null, challenge: result.challenge, email };
  }
  // This browser is now known for this person: their later failures here count against it alone.
  if (!result.knownDevice) {
    jar.set(deviceCookie.name, deviceCookieValue(deviceTokens, await trustDevice(db(), result.userId)), {
      httpOnly: true,
      sameSite: "lax",
      secure: new URL(env().APP_URL).protocol === "https:",
      path: "/",
      maxAge: deviceCookie.maxAgeSeconds,
    });
  }
  try {
    await signIn("credentials", { ticket: await issueSignInTicket(db(), result.userId), redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) return { error: genericFailure, challenge: null, email };
    throw error; // the redirect after a successful sign-in travels as an error
  }
  return { error: null, challenge: null, email };
}
