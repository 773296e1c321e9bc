import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appRouter } from "./root";

/**
 * Every procedure that takes an id (a field named …Id, …Ids or ids) must be called in an isolation
 * matrix: a test file with "isolation matrix" in it, where an actor outside the target's scope is
 * refused and nothing changes. A new procedure cannot skip it: this test names it until it is.
 */
interface ProcedureDef {
  _def: { inputs: unknown[] };
}
const procedures = (appRouter as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def.procedures;
const takesAnId = (procedure: ProcedureDef) =>
  procedure._def.inputs.some((input) => {
    const shape = (input as { shape?: Record<string, unknown> }).shape;
    return shape !== undefined && Object.keys(shape).some((key) => /(Id|Ids)$/.test(key) || key === "ids");
  });

function testFiles(dir: string, ending = ".test.ts"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full, ending);
    return entry.name.endsWith(ending) ? [full] : [];
  });
}

describe("the API's procedures", () => {
  it("that take an id are each in an isolation matrix", () => {
    const matrices = testFiles(path.resolve(import.meta.dirname, ".."))
      .map((file) => readFileSync(file, "utf8"))
      .filter((text) => /isolation matrix/i.test(text));
    const idTaking = Object.entries(procedures)
      .filter(([, procedure]) => takesAnId(procedure))
      .map(([name]) => name);
    expect(idTaking.length).toBeGreaterThan(30);
    const missing = idTaking.filter((name) => {
      const [router, procedure] = name.split(".");
      return !matrices.some((text) => text.includes(`.${router}.${procedure}(`) || text.includes(`"${name}"`));
    });
    expect(missing, `procedures that take an id but are in no isolation matrix: ${missing.join(", ")}`).toEqual([]);
  });

  it("never gate a mutation by a list action: a change is asked about as the change it is", () => {
    const routers = testFiles(path.resolve(import.meta.dirname, "routers"), "index.ts").map((file) =>
      readFileSync(file, "utf8"),
    );
    const gatedByList = routers.flatMap((text) =>
      [...text.matchAll(/(\w+): scopedProcedure\("[\w]+\.list"\)[^,]*?\.mutation\(/gs)].map((match) => match[1]),
    );
    expect(routers.length).toBeGreaterThan(10);
    expect(gatedByList).toEqual([]);
  });
});
