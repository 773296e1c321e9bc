import { emailFrame, escapeHtml, type RenderedEmail } from "./layout";

/** Tells a person their request for access was not accepted, with the administrator's reason if one was given. */
export function renderRegistrationRejected(input: {
  installationName: string;
  firstName: string;
  reason: string | null;
}): RenderedEmail {
  const lines = [
    `Hello ${input.firstName},`,
    `Your request for access to ${input.installationName} was not accepted.`,
    ...(input.reason ? [`The administrator wrote: \u201c${input.reason}\u201d`] : []),
    "If you think this is a mistake, ask the person who looks after training at your hospital, or your distributor.",
  ];
  return {
    subject: `${input.installationName}: your request for access`,
    text: `${input.installationName}\n\n${lines.join("\n\n")}\n`,
    html: emailFrame(input.installationName, lines.map(escapeHtml)),
  };
}
