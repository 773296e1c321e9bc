import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone: "UTC" });

/** To a person invited to a teacher-led session: what, when, where, and the link to its page. */
export function renderSessionInvitation(input: {
  installationName: string;
  firstName: string;
  title: string;
  startsAt: string;
  place: string;
  link: string;
}): RenderedEmail {
  const lines = [
    `Hello ${input.firstName || "there"},`,
    `You are invited to the training session \u201c${input.title}\u201d on ${when.format(new Date(input.startsAt))} (UTC), at ${input.place}.`,
    "The details are in your portal, under My training.",
  ];
  return {
    subject: `${input.installationName}: invitation to ${input.title}`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n\n${input.link}\n`,
    html: emailFrame(input.installationName, [
      ...lines.map(escapeHtml),
      `<a href="${escapeHtml(input.link)}">See the session</a>`,
    ]),
  };
}
