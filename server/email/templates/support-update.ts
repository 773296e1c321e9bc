import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

/** Tells a reporter that their support issue changed: a reply from the team, or a new status. */
export function renderSupportUpdate(input: {
  installationName: string;
  firstName: string;
  number: number;
  title: string;
  change: string;
  link: string;
}): RenderedEmail {
  const lines = [
    `Hello ${input.firstName},`,
    `Your issue ${input.number}, \u201c${input.title}\u201d, has news.`,
    input.change,
    `Read it and answer here: ${input.link}`,
  ];
  return {
    subject: `${input.installationName}: issue ${input.number} has news`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n`,
    html: emailFrame(
      input.installationName,
      lines.map((line) => escapeHtml(line).replaceAll("\n", "<br>")),
    ),
  };
}
