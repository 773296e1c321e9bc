/** Hands the browser a file the page made (an export): it saves it under `name`. */
export function saveFile(name: string, body: string, type: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  Object.assign(document.createElement("a"), { href: url, download: name }).click();
  URL.revokeObjectURL(url);
}

/** A title as part of a file name: letters and digits, lower-case, the rest as dashes. */
export const fileNamePart = (title: string) => title.replace(/[^\p{L}\p{N}]+/gu, "-").toLowerCase();
