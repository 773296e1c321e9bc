import Papa from "papaparse";

/**
 * Every CSV the app writes goes through here: quoted as needed by papaparse, with a byte-order
 * mark so spreadsheet programs read UTF-8, and with cells that start with =, +, -, @, a tab or a
 * carriage return prefixed with an apostrophe (escapeFormulae), so a name an administrator or a
 * registrant typed can never run as a formula in the spreadsheet of whoever opens the export.
 * Pure: used by pages in the browser and by the server alike.
 */
export function toCsv(rows: Record<string, string | number | null>[]): string {
  return `\uFEFF${Papa.unparse(rows, { escapeFormulae: true })}`;
}
