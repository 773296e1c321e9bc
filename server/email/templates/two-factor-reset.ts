import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

/** To a person whose two-step verification an administrator turned off (a lost phone, say). */
export function renderTwoFactorReset(input: { installationName: string; firstName: string }): RenderedEmail {
  const lines = [
    `Hello ${input.firstName || "there"},`,
    `An administrator of ${input.installationName} turned off two-step verification for your account and signed you out everywhere. Sign-in now asks only for your password; set two-step verification up again under Security once you are back in.`,
    "If you did not ask for this, tell your administrator at once and change your password.",
  ];
  return {
    subject: `${input.installationName}: two-step verification was turned off`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n`,
    html: emailFrame(input.installationName, lines.map(escapeHtml)),
  };
}
