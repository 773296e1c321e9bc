import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
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

  it("escapes by the first character alone: a formula followed by a line break is escaped too, and nothing else is touched", () => {
    const csv = toCsv([
      { Name: '=HYPERLINK("https://evil.example")\nSecond line', Note: "Line one\n=not a formula here", N: -3 },
      { Name: "@cmd\r\n|calc", Note: "a = b", N: 0 },
    ]);
    const { data } = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { newline: "\r\n" });
    expect(data.slice(1)).toEqual([
      [`'=HYPERLINK("https://evil.example")\nSecond line`, "Line one\n=not a formula here", "-3"],
      ["'@cmd\r\n|calc", "a = b", "0"],
    ]);
  });

  it("starts with a byte-order mark so accents survive in spreadsheet programs", () => {
    expect(toCsv([{ Name: "Hospital Clínic" }])).toBe("\uFEFFName\r\nHospital Clínic");
  });
});

describe("the one CSV writer", () => {
  it("writes every export: no other file turns rows into CSV itself", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(full);
        return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
      });
    const writers = [...sources(path.join(root, "app")), ...sources(path.join(root, "server"))]
      .filter((file) => /\bunparse\(/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file));
    expect(writers).toEqual(["server/export/csv.ts"]);
  });
});
