import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** To the owner of an account that locked itself: what happened, when it clears, and the way back now. */
export function renderAccountLocked(input: {
  installationName: string;
  firstName: string;
  failures: number;
  ip: string | null;
  lockedUntil: Date;
  resetLink: string;
}): RenderedEmail {
  const lines = [
    `Hello ${input.firstName || "there"},`,
    `Your ${input.installationName} account was locked after ${input.failures} failed sign-in attempts${input.ip ? ` (the last from the network address ${input.ip})` : ""}. It unlocks by itself at ${timeFormat.format(input.lockedUntil)} UTC.`,
    "If it was you, you can choose a new password now with the link below; that also unlocks the account. The link works once, for one hour.",
    "If it was not you, someone may be trying to guess your password: choose a new, long one with the link below, and tell your administrator.",
  ];
  return {
    subject: `${input.installationName}: your account was locked`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n\n${input.resetLink}\n`,
    html: emailFrame(input.installationName, [
      ...lines.map(escapeHtml),
      `<a href="${escapeHtml(input.resetLink)}">Choose a new password</a>`,
    ]),
  };
}
