import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * To a person whose own browser (one they signed in from before) locked itself after wrong
 * passwords: what happened, that the account and their other browsers are not affected, and what
 * to do if it was not them.
 */
export function renderDeviceLocked(input: {
  installationName: string;
  firstName: string;
  failures: number;
  ip: string | null;
  lockedUntil: Date;
  appUrl: string;
}): RenderedEmail {
  const lines = [
    `Hello ${input.firstName || "there"},`,
    `${input.failures} wrong passwords were typed for your ${input.installationName} account in a browser you signed in from before${input.ip ? ` (the last from the network address ${input.ip})` : ""}. That browser cannot sign in as you until ${timeFormat.format(input.lockedUntil)} UTC. Your account and your other browsers are not affected.`,
    "If it was you, wait until then, or sign in from another browser.",
    "If it was not you, someone may have used that browser: sign in and change your password under Security. That also stops every browser from counting as yours until it signs in again.",
  ];
  return {
    subject: `${input.installationName}: a browser of yours was locked`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n\n${input.appUrl}/portal/security\n`,
    html: emailFrame(input.installationName, [
      ...lines.map(escapeHtml),
      `<a href="${escapeHtml(`${input.appUrl}/portal/security`)}">Open Security</a>`,
    ]),
  };
}
