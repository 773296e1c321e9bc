"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { NewPasswordState } from "@/app/_components/new-password-form";
import { changePassword } from "@/server/auth/change-password";
import { signIn } from "@/server/auth/config";
import { currentActor } from "@/server/auth/current-actor";
import { issueSignInTicket } from "@/server/auth/login";
import { requestInfo } from "@/server/auth/request-info";
import {
  beginEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  renewRecoveryCodes,
  totpCode,
} from "@/server/auth/two-factor";
import { db } from "@/server/db/client";
import { DomainError } from "@/server/domain-error";
import { env } from "@/server/env";

async function signedIn() {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const context = requestInfo(await headers());
  return { actor, ip: context.ip, context };
}

/** A refusal meant for the person becomes their message; anything else is a fault and propagates. */
function messageOf(error: unknown): string {
  if (error instanceof DomainError) return error.message;
  throw error;
}

export async function changeOwnPassword(_previous: NewPasswordState, formData: FormData): Promise<NewPasswordState> {
  const { actor, context } = await signedIn();
  const next = String(formData.get("password") ?? "");
  if (next !== String(formData.get("confirm") ?? ""))
    return { error: "The two new passwords are not the same.", problems: [] };
  try {
    const { problems } = await changePassword(
      db(),
      actor.userId,
      { current: String(formData.get("current") ?? ""), next },
      context,
    );
    if (problems.length) return { error: "Choose a stronger password.", problems };
  } catch (error) {
    return { error: messageOf(error), problems: [] };
  }
  // Every session ended with the change, this one too: open a new one for the person who made it.
  await signIn("credentials", {
    ticket: await issueSignInTicket(db(), actor.userId),
    redirectTo: "/portal/security?changed=1",
  });
  return { error: null, problems: [] };
}

export type EnrolmentStart = { ok: true; qrCodeSvg: string; secret: string } | { ok: false; error: string };

export async function startEnrolment(): Promise<EnrolmentStart> {
  const { actor } = await signedIn();
  try {
    const { qrCodeSvg, secret } = await beginEnrolment(db(), env().AUTH_SECRET, actor.userId);
    return { ok: true, qrCodeSvg, secret };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

export type EnrolmentFinish = { ok: true; recoveryCodes: string[] } | { ok: false; error: string };

export async function finishEnrolment(code: string): Promise<EnrolmentFinish> {
  const { actor, ip } = await signedIn();
  const parsed = totpCode.safeParse(code);
  if (!parsed.success || !/^\d{6}$/.test(parsed.data))
    return { ok: false, error: "Enter the 6-digit code your app shows." };
  try {
    return {
      ok: true,
      recoveryCodes: (await confirmEnrolment(db(), env().AUTH_SECRET, actor.userId, parsed.data, ip)).recoveryCodes,
    };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

export async function turnOffTwoFactor(
  _previous: { error: string | null },
  formData: FormData,
): Promise<{ error: string | null }> {
  const { actor, context } = await signedIn();
  const code = totpCode.safeParse(formData.get("code") ?? "");
  if (!code.success) return { error: code.error.issues[0]?.message ?? "Enter a code." };
  try {
    await disableTwoFactor(
      db(),
      env().AUTH_SECRET,
      actor.userId,
      { password: String(formData.get("password") ?? ""), code: code.data },
      context,
    );
  } catch (error) {
    return { error: messageOf(error) };
  }
  redirect("/portal/security?two-factor=off");
}

export async function newRecoveryCodes(code: string): Promise<EnrolmentFinish> {
  const { actor, context } = await signedIn();
  const parsed = totpCode.safeParse(code);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Enter a code." };
  try {
    return {
      ok: true,
      recoveryCodes: (await renewRecoveryCodes(db(), env().AUTH_SECRET, actor.userId, parsed.data, context))
        .recoveryCodes,
    };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}
