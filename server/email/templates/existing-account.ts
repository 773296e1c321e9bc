import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

/** Sent instead of creating a request when the address already has an account: the way back in. */
export function renderExistingAccountNotice(input: { installationName: string; loginUrl: string }): RenderedEmail {
  const lines = [
    "Hello,",
    `Someone, probably you, asked for access to ${input.installationName} with this email address. You already have an account: sign in with this address.`,
    "If you have forgotten your password, use \u201cForgot your password?\u201d on the sign-in page. If you did not ask for access, you can ignore this email.",
  ];
  return {
    subject: `${input.installationName}: you already have an account`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n\n${input.loginUrl}\n`,
    html: emailFrame(input.installationName, [
      ...lines.map(escapeHtml),
      `<a href="${escapeHtml(input.loginUrl)}">${escapeHtml(input.loginUrl)}</a>`,
    ]),
  };
}
