import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("escapes every cell that a spreadsheet would read as a formula", () => {
    const csv = toCsv([
      { Name: '=HYPERLINK("https://evil.example","Click")', Within: "+1+1", Level: "-2", Other: "@SUM(A1)" },
      { Name: "\tTabbed", Within: "\rReturn", Level: "Cardiology nurses", Other: 42 },
    ]);
    // Read back as a spreadsheet would: every dangerous cell now starts with an apostrophe.
    const { data } = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { newline: "\r\n" });
    expect(data.slice(1)).toEqual([
      [`'=HYPERLINK("https://evil.example","Click")`, "'+1+1", "'-2", "'@SUM(A1)"],
      ["'\tTabbed", "'\rReturn", "Cardiology nurses", "42"],
    ]);
  });

  it("starts with a byte-order mark so accents survive in spreadsheet programs", () => {
    expect(toCsv([{ Name: "Hospital Clínic" }])).toBe("\uFEFFName\r\nHospital Clínic");
  });
});
