import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../demo/seed-demo";
import { createTestDatabase } from "../testing/test-database";
import { appRouter } from "./root";
import { createInnerContext } from "./trpc";

const { db } = await createTestDatabase();

describe("errors as the browser receives them", () => {
  it("bad input comes back as sentences with the field-by-field issues, not zod's JSON", async () => {
    const demo = (await seedDemo(db))!;
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      router: appRouter,
      req: new Request("http://localhost/api/trpc/users.importCheck", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: { csv: "", defaultGroupId: null } }) }),
      createContext: () => createInnerContext({ db, sessionUserId: demo.users.owner, ip: null, userAgent: null }),
    });
    const body = (await response.json()) as { error: { json: { message: string; data: { code: string; zodIssues: { fieldErrors: Record<string, string[]> } } } } };
    expect(response.status).toBe(400);
    expect(body.error.json.message).toBe("Choose a CSV file.");
    expect(body.error.json.data.zodIssues.fieldErrors.csv).toEqual(["Choose a CSV file."]);
  });
});
