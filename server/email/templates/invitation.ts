import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

/** The invitation: who invites, where to set a password, until when. */
export function renderInvitation(input: {
  installationName: string;
  firstName: string;
  link: string;
  expiresAt: Date;
  reminder: boolean;
}): RenderedEmail {
  const until = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(input.expiresAt);
  const lines = [
    input.firstName ? `Hello ${input.firstName},` : "Hello,",
    input.reminder
      ? `A reminder: you have been invited to ${input.installationName}, where you find the training and product material for the devices you use. Your earlier link no longer works; use this one.`
      : `You have been invited to ${input.installationName}, where you find the training and product material for the devices you use.`,
    `Set your password through this link (it works once, until ${until}):`,
  ];
  const after =
    "If the link has expired, ask your administrator to send a new invitation. If you did not expect this email, you can ignore it.";
  return {
    subject: input.reminder
      ? `Reminder: your invitation to ${input.installationName}`
      : `Your invitation to ${input.installationName}`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n\n${input.link}\n\n${after}\n`,
    html: emailFrame(input.installationName, [
      ...lines.map(escapeHtml),
      `<a href="${escapeHtml(input.link)}" style="display:inline-block;background:#0f766e;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:bold">Set my password</a>`,
      escapeHtml(after),
    ]),
  };
}
