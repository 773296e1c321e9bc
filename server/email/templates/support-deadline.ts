import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

/** Reminds the people responsible that a serious incident's report to the authorities is due, or late. */
export function renderSupportDeadline(input: {
  installationName: string;
  number: number;
  title: string;
  dueText: string;
  link: string;
}): RenderedEmail {
  const lines = [
    `Issue ${input.number}, \u201c${input.title}\u201d, is a serious incident: ${input.dueText}`,
    "The report to the competent authority is due within the period of EU MDR Article 87, counted from the day the company became aware of the incident.",
    `Open the issue: ${input.link}`,
  ];
  return {
    subject: `${input.installationName}: issue ${input.number}: ${input.dueText}`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n`,
    html: emailFrame(input.installationName, lines.map(escapeHtml)),
  };
}
