import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

/** To a person whose training in a course is due within a week, or overdue. */
export function renderTrainingDue(input: {
  installationName: string;
  firstName: string;
  title: string;
  /** "is due on 9 December 2026" or "was due on 1 December 2026". */
  dueText: string;
  /** Why: a new version to retrain on, or a course not yet completed. */
  reason: string;
  link: string;
}): RenderedEmail {
  const lines = [
    `Hello ${input.firstName || "there"},`,
    `Your training in \u201c${input.title}\u201d ${input.dueText}. ${input.reason}`,
    `Open the course: ${input.link}`,
  ];
  return {
    subject: `${input.installationName}: your training in \u201c${input.title}\u201d ${input.dueText}`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n`,
    html: emailFrame(input.installationName, lines.map(escapeHtml)),
  };
}
