"use server";

import { redirect } from "next/navigation";
import type { NewPasswordState } from "@/app/_components/new-password-form";
import { api, refusalMessage } from "@/app/_trpc/server";
import { signIn } from "@/server/auth/config";

export async function changeOwnPassword(_previous: NewPasswordState, formData: FormData): Promise<NewPasswordState> {
  const next = String(formData.get("password") ?? "");
  if (next !== String(formData.get("confirm") ?? ""))
    return { error: "The two new passwords are not the same.", problems: [] };
  let ticket: string | null;
  try {
    const changed = await api.me.changePassword({ current: String(formData.get("current") ?? ""), next });
    if (changed.problems.length) return { error: "Choose a stronger password.", problems: changed.problems };
    ticket = changed.ticket;
  } catch (error) {
    return { error: refusalMessage(error), problems: [] };
  }
  // Every session ended with the change, this one too: open a new one for the person who made it.
  await signIn("credentials", { ticket, redirectTo: "/portal/security?changed=1" });
  return { error: null, problems: [] };
}

export type EnrolmentStart = { ok: true; qrCodeSvg: string; secret: string } | { ok: false; error: string };

export async function startEnrolment(password: string): Promise<EnrolmentStart> {
  try {
    return { ok: true, ...(await api.me.startTwoFactor({ password })) };
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
}

export type EnrolmentFinish = { ok: true; recoveryCodes: string[] } | { ok: false; error: string };

export async function finishEnrolment(code: string): Promise<EnrolmentFinish> {
  try {
    return { ok: true, recoveryCodes: (await api.me.confirmTwoFactor({ code })).recoveryCodes };
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
}

export async function turnOffTwoFactor(
  _previous: { error: string | null },
  formData: FormData,
): Promise<{ error: string | null }> {
  try {
    await api.me.disableTwoFactor({
      password: String(formData.get("password") ?? ""),
      code: String(formData.get("code") ?? ""),
    });
  } catch (error) {
    return { error: refusalMessage(error) };
  }
  redirect("/portal/security?two-factor=off");
}

export async function newRecoveryCodes(code: string): Promise<EnrolmentFinish> {
  try {
    return { ok: true, recoveryCodes: (await api.me.renewRecoveryCodes({ code })).recoveryCodes };
  } catch (error) {
    return { ok: false, error: refusalMessage(error) };
  }
}
