import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

/** The day's unread activity on a person's community boards, with a link to each thread. */
export function renderBoardDigest(input: {
  installationName: string;
  firstName: string;
  threads: { board: string; title: string; link: string }[];
  more: number;
  profileLink: string;
}): RenderedEmail {
  const list = input.threads.map((t) => `${t.board}: \u201c${t.title}\u201d\n${t.link}`);
  const lines = [
    `Hello ${input.firstName},`,
    `There is news on your community boards since yesterday:`,
    ...list,
    ...(input.more > 0 ? [`And ${input.more} more ${input.more === 1 ? "thread" : "threads"}.`] : []),
    `You get this email once a day when something is unread. To stop it, turn it off in your profile: ${input.profileLink}`,
  ];
  return {
    subject: `${input.installationName}: news on your community boards`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n`,
    html: emailFrame(
      input.installationName,
      lines.map((line) => escapeHtml(line).replaceAll("\n", "<br>")),
    ),
  };
}
