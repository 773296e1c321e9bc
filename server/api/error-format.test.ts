import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { users } from "../db/schema";
import { seedDemo } from "../demo/seed-demo";
import { createTestDatabase } from "../testing/test-database";
import { appRouter } from "./root";
import { createInnerContext } from "./trpc";

const { db } = await createTestDatabase();
await seedDemo(db);

const call = (path: string, input: unknown, userId: string | null) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req: new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: input }),
    }),
    createContext: () => createInnerContext({ db, sessionUserId: userId, ip: null, userAgent: null }),
  });

describe("errors as the browser receives them", () => {
  it("text with a NUL character is BAD_REQUEST with a sentence, and changes nothing", async () => {
    const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, "owner@helix.example"));
    const response = await call(
      "me.updateProfile",
      { firstName: "Ol\u0000ivia", lastName: "Owens", phone: null, position: null },
      owner!.id,
    );
    const body = (await response.json()) as { error: { json: { message: string } } };
    expect(response.status).toBe(400);
    expect(body.error.json.message).toMatch(/NUL character/);
    expect(
      (await db.select({ firstName: users.firstName }).from(users).where(eq(users.id, owner!.id)))[0]?.firstName,
    ).toBe("Olivia");
  });

  it("an unexpected error sends a sentence and a reference, never the SQL, its parameters or a stack", async () => {
    const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, "owner@helix.example"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    // A failure deep in the database: the users table is briefly out of reach.
    await db.execute(sql`alter table users rename to users_away`);
    try {
      const response = await fetchRequestHandler({
        endpoint: "/api/trpc",
        router: appRouter,
        req: new Request(
          `http://localhost/api/trpc/users.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`,
        ),
        createContext: () => createInnerContext({ db, sessionUserId: owner!.id, ip: null, userAgent: null }),
      });
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(text).toMatch(/Something went wrong on our side/);
      expect(text).toMatch(/reference: [0-9a-f]{10}/);
      expect(text).not.toMatch(/select|users_away|relation|stack|\.ts:/i);
      // The detail is in the server's log, under the same reference.
      const reference = /reference: ([0-9a-f]{10})/.exec(text)![1]!;
      expect(errors.mock.calls.some((args) => String(args[0]).includes(reference))).toBe(true);
    } finally {
      await db.execute(sql`alter table users_away rename to users`);
      errors.mockRestore();
    }
  });

  it("bad input comes back as sentences with the field-by-field issues, not zod's JSON", async () => {
    const [ownerRow] = await db.select({ id: users.id }).from(users).where(eq(users.email, "owner@helix.example"));
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      router: appRouter,
      req: new Request("http://localhost/api/trpc/users.importCheck", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { csv: "", defaultGroupId: null } }),
      }),
      createContext: () => createInnerContext({ db, sessionUserId: ownerRow!.id, ip: null, userAgent: null }),
    });
    const body = (await response.json()) as {
      error: {
        json: { message: string; data: { code: string; zodIssues: { fieldErrors: Record<string, string[]> } } };
      };
    };
    expect(response.status).toBe(400);
    expect(body.error.json.message).toBe("Choose a CSV file.");
    expect(body.error.json.data.zodIssues.fieldErrors.csv).toEqual(["Choose a CSV file."]);
  });
});
