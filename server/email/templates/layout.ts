export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}

/** Wraps paragraphs (already escaped) in the installation's simple, client-safe email frame. */
export function emailFrame(installationName: string, paragraphsHtml: string[]): string {
  const name = escapeHtml(installationName);
  return `<!doctype html><html><body style="margin:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2937">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px;padding:24px">
<tr><td style="font-size:18px;font-weight:bold;color:#0f766e;padding-bottom:16px">${name}</td></tr>
${paragraphsHtml.map((p) => `<tr><td style="font-size:15px;line-height:1.5;padding-bottom:12px">${p}</td></tr>`).join("\n")}
</table></td></tr></table></body></html>`;
}
