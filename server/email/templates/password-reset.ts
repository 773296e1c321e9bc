import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

/** The link to choose a new password, asked for on the sign-in page. */
export function renderPasswordReset(input: {
  installationName: string;
  firstName: string;
  resetLink: string;
}): RenderedEmail {
  const lines = [
    `Hello ${input.firstName || "there"},`,
    `Someone, probably you, asked to reset the password of your ${input.installationName} account. Choose a new one with the link below: it works once, for one hour, and signs you out everywhere else.`,
    "If you did not ask for this, you can ignore this email: your password stays as it is.",
  ];
  return {
    subject: `${input.installationName}: choose a new password`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n\n${input.resetLink}\n`,
    html: emailFrame(input.installationName, [
      ...lines.map(escapeHtml),
      `<a href="${escapeHtml(input.resetLink)}">Choose a new password</a>`,
    ]),
  };
}
