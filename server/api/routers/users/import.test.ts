import { eq, inArray, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, bulkOperations, memberships, settings, users } from "../../../db/schema";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { completeBulk, requestKey } from "../../../testing/bulk-jobs";
import { callerFor } from "../../../testing/callers";
import { isolationFixtures } from "../../../testing/isolation";
import { createTestDatabase } from "../../../testing/test-database";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const { snapshot } = isolationFixtures(db, () => demo);
const customer = () => callerFor(db, demo.users.customer);

const file = [
  "Email,First name,Last name,Phone,Position,Group",
  "anna.berg@stolav.example,Anna,Berg,+47 900 00 001,Nurse,",
  "not-an-email,Bad,Address,,,",
  "jonas.lie@stolav.example,Jonas,,,,",
  "anna.berg@stolav.example,Anna,Again,,,",
  "user@helix.example,Taken,Address,,,",
  "per.moe@stolav.example,Per,Moe,,Technician,St Olav University Hospital › OR technicians",
  "lise.holm@stolav.example,Lise,Holm,,,Surgeons",
  '"siv, jr@stolav.example",Siv,Quoted,,,',
].join("\r\n");

describe("users.importCheck: the dry run", () => {
  it("lists each row's errors in words, counts the valid rows and writes nothing", async () => {
    const before = await snapshot();
    const result = await customer().users.importCheck({ csv: file, defaultGroupId: demo.nodes.cardiology });
    expect(await snapshot()).toEqual(before);
    expect(result).toMatchObject({ total: 8, validCount: 2 });
    expect(result.invalid).toEqual([
      { line: 3, email: "not-an-email", errors: ["The email is not a valid address."] },
      { line: 4, email: "jonas.lie@stolav.example", errors: ["The last name is missing."] },
      { line: 5, email: "anna.berg@stolav.example", errors: ["The same email address is on line 2."] },
      { line: 6, email: "user@helix.example", errors: ["This email address is already in use."] },
      // Surgeons exists, in Barcelona: outside a St Olav admin's scope it does not exist for them.
      {
        line: 8,
        email: "lise.holm@stolav.example",
        errors: ['There is no user group "Surgeons" that you administer.'],
      },
      { line: 9, email: "siv, jr@stolav.example", errors: ["The email is not a valid address."] },
    ]);
    expect(result.preview.map((r) => [r.line, r.groupPath.at(-1)])).toEqual([
      [2, "Cardiology nurses"],
      [7, "OR technicians"],
    ]);
  });

  it("isolation matrix: refuses a file without the required columns, and a default group outside the scope, with a clear message; nothing changes", async () => {
    const before = await snapshot();
    await expect(
      customer().users.import({ csv: file, defaultGroupId: demo.nodes.endoscopy, requestKey: requestKey() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
    await expect(
      customer().users.importCheck({ csv: "mail,name\nx@y.example,X", defaultGroupId: null }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("missing: email, first_name, last_name"),
    });
    await expect(
      customer().users.importCheck({ csv: file, defaultGroupId: demo.nodes.endoscopy }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      callerFor(db, demo.users.product).users.importCheck({ csv: file, defaultGroupId: null }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("users.import: the import, done by the workers", () => {
  it("creates the valid rows, audited and placed, and reports each skipped line with its errors", async () => {
    const { outcomes, operationId } = await completeBulk(
      db,
      customer().users.import({ csv: file, defaultGroupId: demo.nodes.cardiology, requestKey: requestKey() }),
    );
    expect(outcomes.map((o) => [o.label, o.status])).toEqual([
      ["Line 2: anna.berg@stolav.example", "done"],
      ["Line 3: not-an-email", "failed"],
      ["Line 4: jonas.lie@stolav.example", "failed"],
      ["Line 5: anna.berg@stolav.example", "failed"],
      ["Line 6: user@helix.example", "failed"],
      ["Line 7: per.moe@stolav.example", "done"],
      ["Line 8: lise.holm@stolav.example", "failed"],
      ["Line 9: siv, jr@stolav.example", "failed"],
    ]);
    expect(outcomes[2]?.message).toBe("The last name is missing.");
    const created = await db
      .select()
      .from(users)
      .where(inArray(users.email, ["anna.berg@stolav.example", "per.moe@stolav.example"]));
    expect(created.map((u) => [u.email, u.phone, u.status]).sort()).toEqual([
      ["anna.berg@stolav.example", "+47 900 00 001", "not_invited"],
      ["per.moe@stolav.example", null, "not_invited"],
    ]);
    const per = created.find((u) => u.email === "per.moe@stolav.example")!;
    expect((await db.select().from(memberships).where(eq(memberships.userId, per.id))).map((m) => m.nodeId)).toEqual([
      demo.nodes.orTechs,
    ]);
    expect((await customer().users.byId({ userId: per.id })).email).toBe("per.moe@stolav.example");
    const entries = await db
      .select()
      .from(auditLog)
      .where(
        inArray(
          auditLog.targetId,
          created.map((u) => u.id),
        ),
      );
    expect(entries.map((e) => [e.action, (e.after as { source?: string }).source])).toEqual([
      ["user.created", "csv import"],
      ["user.created", "csv import"],
    ]);
    // Once finished, the file's contents are not kept.
    const [operation] = await db.select().from(bulkOperations).where(eq(bulkOperations.id, operationId));
    expect(operation?.finishedAt).not.toBeNull();
    expect(operation?.params).toEqual({ defaultGroupId: demo.nodes.cardiology });

    // Imported again: everyone is now taken, so nothing is created twice.
    const again = await completeBulk(
      db,
      customer().users.import({ csv: file, defaultGroupId: demo.nodes.cardiology, requestKey: requestKey() }),
    );
    expect(again.outcomes.filter((o) => o.ok)).toEqual([]);
  });

  it("refuses the lines past the seat limit and creates no one", async () => {
    const csv = ["email,first_name,last_name", "a.seat@stolav.example,A,Seat", "b.seat@stolav.example,B,Seat"].join(
      "\n",
    );
    const [{ used }] = (await db.execute<{ used: number }>(
      (await import("drizzle-orm")).sql`select count(*)::int as used from users where suspended_at is null`,
    )) as unknown as [{ used: number }];
    await db
      .update(settings)
      .set({ seatLimit: used + 1 })
      .where(eq(settings.id, true));
    try {
      const { outcomes } = await completeBulk(
        db,
        customer().users.import({ csv, defaultGroupId: demo.nodes.orTechs, requestKey: requestKey() }),
      );
      expect(outcomes.map((o) => o.status)).toEqual(["failed", "failed"]);
      expect(outcomes[0]?.message).toMatch(/seat/i);
      expect(await db.select().from(users).where(like(users.email, "%.seat@stolav.example"))).toEqual([]);
    } finally {
      await db.update(settings).set({ seatLimit: null }).where(eq(settings.id, true));
    }
  });
});
