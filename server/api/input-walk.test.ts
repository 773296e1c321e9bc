import { describe, expect, it } from "vitest";
import { containsNul } from "./trpc";

describe("the NUL check of a procedure's input", () => {
  it("finds NUL in what a person typed: strings, keys, arrays and plain objects, nested", () => {
    expect(containsNul("a\u0000b")).toBe(true);
    expect(containsNul({ search: ["ok", { deeper: "x\u0000" }] })).toBe(true);
    expect(containsNul({ ["key\u0000"]: "value" })).toBe(true);
    expect(containsNul({ search: "fine", page: 2, on: true, none: null })).toBe(false);
  });

  it("never walks bytes or other instances item by item (a 25 MB upload would take seconds)", () => {
    const bytes = new Uint8Array(25 * 1024 * 1024);
    expect(containsNul({ name: "scan.pdf", bytes })).toBe(false);
    expect(containsNul(new Date())).toBe(false);
    expect(containsNul(new Map([["a\u0000", "b"]]))).toBe(false);
  });
});
