import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

/** The email an owner admin sends to check that outgoing email works end to end. */
export function renderTestEmail(input: { installationName: string; requestedBy: string; sentAt: Date }): RenderedEmail {
  const when = input.sentAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const subject = `${input.installationName}: test email`;
  const lines = [
    "This is a test email. If you can read it, outgoing email works.",
    `Requested by ${input.requestedBy} at ${when}.`,
  ];
  return {
    subject,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n`,
    html: emailFrame(input.installationName, lines.map(escapeHtml)),
  };
}
