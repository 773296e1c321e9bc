import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

/** Tells a handler that an issue in their reach waits for someone to take it. */
export function renderSupportNewIssue(input: {
  installationName: string;
  number: number;
  title: string;
  typeName: string;
  severity: string;
  deviceComplaint: boolean;
  link: string;
}): RenderedEmail {
  const lines = [
    `A new issue waits for a handler: issue ${input.number}, \u201c${input.title}\u201d.`,
    `${input.typeName}${input.deviceComplaint ? " (a device complaint: decide whether it is reportable)" : ""}, severity ${input.severity}.`,
    `Open it: ${input.link}`,
  ];
  return {
    subject: `${input.installationName}: new issue ${input.number}: ${input.title}`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n`,
    html: emailFrame(input.installationName, lines.map(escapeHtml)),
  };
}
