import Papa from "papaparse";

/** What a spreadsheet program reads as the start of a formula (OWASP's list). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * Every CSV the app writes goes through here: quoted as needed by papaparse, with a byte-order
 * mark so spreadsheet programs read UTF-8, and with every text cell whose first character starts a
 * formula (=, +, -, @, a tab or a carriage return) prefixed with an apostrophe, so a name an
 * administrator or a registrant typed can never run as a formula in the spreadsheet of whoever
 * opens the export. The first character alone decides, whatever follows it (a line break included:
 * papaparse's own escape passes a multi-line cell by). Pure: used by pages in the browser and by
 * the server alike.
 */
export function toCsv(rows: Record<string, string | number | null>[]): string {
  const escaped = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]) => [
        column,
        typeof value === "string" && formulaStart.test(value) ? `'${value}` : value,
      ]),
    ),
  );
  return `\uFEFF${Papa.unparse(escaped)}`;
}
