"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { api } from "@/app/_trpc/server";
import { signIn } from "@/server/auth/config";

export interface LoginState {
  error: string | null;
  /** What was typed, kept for the next try (React clears a form after its action). */
  email: string;
  /** Set once the password was right for an account with two-step verification: the code step. */
  challenge: string | null;
  /** A suspended person's hospital administrators, when the owner shares them. */
  contacts?: { name: string; email: string }[];
}

// One message for every failure: it must not tell whether the email has an account, nor whether
// a lock refused the attempt unchecked (the lock's email carries the way back in).
const genericFailure =
  "That email and password did not work. Check both and try again. After several failed attempts an account is locked for a while: its owner gets an email with a link to choose a new password.";
// Said only once the password (and code) were right: the person who knows them may know this.
const suspended =
  "Your password is right, but your account is suspended, so you cannot sign in. Your administrator can tell you why and reactivate it.";
const suspendedWithContacts =
  "Your password is right, but your account is suspended, so you cannot sign in. These administrators of your hospital can tell you why and reactivate it:";
const codeFailure = "That code did not work. Enter the code your app shows now, or one of your recovery codes.";

/**
 * The sign-in form's two steps: the password, then (with two-step verification) the code. Each is
 * checked here once; a login that passes is handed to next-auth as a single-use ticket.
 */
export async function login(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get("email") ?? "").slice(0, 320);
  const challenge = formData.get("challenge");
  const step =
    typeof challenge === "string" && challenge
      ? await api.auth.login({ challenge, code: String(formData.get("code") ?? "") })
      : await api.auth.login({ email, password: String(formData.get("password") ?? "") });
  if (step.outcome === "failed") {
    return step.step === "code"
      ? { error: codeFailure, challenge: String(challenge), email }
      : { error: genericFailure, challenge: null, email };
  }
  if (step.outcome === "suspended")
    return step.contacts.length
      ? { error: suspendedWithContacts, contacts: step.contacts, challenge: null, email }
      : { error: suspended, challenge: null, email };
  if (step.outcome === "second_factor") return { error: null, challenge: step.challenge, email };
  // This browser is now known for this person: their later failures here count against it alone.
  if (step.deviceCookie)
    (await cookies()).set(step.deviceCookie.name, step.deviceCookie.value, step.deviceCookie.options);
  try {
    await signIn("credentials", { ticket: step.ticket, redirectTo: step.landing });
  } catch (error) {
    if (error instanceof AuthError) return { error: genericFailure, challenge: null, email };
    throw error; // the redirect after a successful sign-in travels as an error
  }
  return { error: null, challenge: null, email };
}
