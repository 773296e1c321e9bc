import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

/** Sent to the new address: the link that makes it the login. */
export function renderEmailChangeConfirmation(input: {
  installationName: string;
  firstName: string;
  newEmail: string;
  link: string;
  expiresHours: number;
}): RenderedEmail {
  const greeting = input.firstName ? `Hello ${input.firstName},` : "Hello,";
  const lines = [
    greeting,
    `An administrator of ${input.installationName} asked to change your sign-in address to ${input.newEmail}. Confirm it through this link, within ${input.expiresHours} hours:`,
  ];
  const after =
    "Until you confirm, you keep signing in with your current address. If you did not expect this, ignore this email: nothing changes.";
  return {
    subject: `${input.installationName}: confirm your new sign-in address`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n\n${input.link}\n\n${after}\n`,
    html: emailFrame(input.installationName, [
      ...lines.map(escapeHtml),
      `<a href="${escapeHtml(input.link)}" style="display:inline-block;background:#0f766e;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:bold">Confirm my new address</a>`,
      escapeHtml(after),
    ]),
  };
}

/** Sent to the current address, so a change the person did not want does not go unnoticed. */
export function renderEmailChangeNotice(input: { installationName: string; firstName: string }): RenderedEmail {
  const lines = [
    input.firstName ? `Hello ${input.firstName},` : "Hello,",
    `An administrator of ${input.installationName} asked to change the address you sign in with. The change takes effect only once it is confirmed from the new address.`,
    "If this is unexpected, contact your administrator.",
  ];
  return {
    subject: `${input.installationName}: your sign-in address is being changed`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n`,
    html: emailFrame(input.installationName, lines.map(escapeHtml)),
  };
}
