import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { runBulkChunk } from "../../../bulk/run-chunk";
import {
  auditLog,
  bulkOperationItems,
  bulkOperations,
  emailOutbox,
  memberships,
  roleAssignments,
  users,
} from "../../../db/schema";
import { seedDemo, type DemoInstallation } from "../../../demo/seed-demo";
import { refreshUserScopes } from "../../../scope";
import { bulkOutcomes, completeBulk, requestKey, runBulkJobs } from "../../../testing/bulk-jobs";
import { callerFor } from "../../../testing/callers";
import { isolationFixtures } from "../../../testing/isolation";
import { createTestDatabase } from "../../../testing/test-database";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
});
const { freshUserIn, snapshot } = isolationFixtures(db, () => demo);
const suspendedOf = async (ids: string[]) =>
  Object.fromEntries(
    (await db.select({ id: users.id, s: users.suspendedAt }).from(users).where(inArray(users.id, ids))).map((r) => [
      r.id,
      r.s !== null,
    ]),
  );
const chunkJobs = async (operationId: string) =>
  Number(
    (
      await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pgboss.job where name = 'bulk-operation' and data->>'operationId' = ${operationId}`,
      )
    )[0]?.n,
  );

describe("users.bulk", () => {
  it("records the operation, its items and its chunk jobs in one go, and changes nothing until a worker does it", async () => {
    const mine = await Promise.all([freshUserIn("orTechs"), freshUserIn("cardiology")]);
    const customer = callerFor(db, demo.users.customer);
    const { operationId } = await customer.users.bulk({
      requestKey: requestKey(),
      action: "suspend",
      userIds: mine.map((u) => u.id),
    });
    expect(await chunkJobs(operationId)).toBe(1);
    expect(await suspendedOf(mine.map((u) => u.id))).toEqual({ [mine[0]!.id]: false, [mine[1]!.id]: false });
    expect((await customer.bulk.get({ operationId })).counts).toEqual({ pending: 2, done: 0, failed: 0, cancelled: 0 });
    await runBulkJobs(db, operationId);
    const done = await customer.bulk.get({ operationId });
    expect(done.counts).toEqual({ pending: 0, done: 2, failed: 0, cancelled: 0 });
    expect(done.finishedAt).not.toBeNull();
    expect(Object.values(await suspendedOf(mine.map((u) => u.id)))).toEqual([true, true]);
  });

  it("suspends and reactivates the selected users in scope, and reports (and skips) one outside it, without naming them", async () => {
    const mine = await Promise.all([freshUserIn("orTechs"), freshUserIn("cardiology"), freshUserIn("orTechs")]);
    const foreign = await freshUserIn("endoscopy");
    const ids = [...mine.map((u) => u.id), foreign.id];
    const customer = callerFor(db, demo.users.customer);
    const { outcomes, operationId } = await completeBulk(
      db,
      customer.users.bulk({ requestKey: requestKey(), action: "suspend", userIds: ids }),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, false]);
    expect(outcomes[3]).toMatchObject({
      targetId: foreign.id,
      label: "A user outside your organisation",
      message: "No such user in your organisation.",
    });
    expect((await customer.bulk.get({ operationId })).failures).toEqual([
      { position: 4, label: "A user outside your organisation", message: "No such user in your organisation." },
    ]);
    expect(await suspendedOf(ids)).toEqual({
      [mine[0]!.id]: true,
      [mine[1]!.id]: true,
      [mine[2]!.id]: true,
      [foreign.id]: false,
    });
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(inArray(auditLog.targetId, ids), eq(auditLog.action, "user.suspended"))),
    ).toHaveLength(3);

    await completeBulk(
      db,
      customer.users.bulk({ requestKey: requestKey(), action: "reactivate", userIds: mine.map((u) => u.id) }),
    );
    expect(Object.values(await suspendedOf(mine.map((u) => u.id)))).toEqual([false, false, false]);
  });

  it("the same button pressed twice (the same request key) starts one operation", async () => {
    const picked = await freshUserIn("cardiology");
    const customer = callerFor(db, demo.users.customer);
    const key = requestKey();
    const input = { requestKey: key, action: "invite" as const, userIds: [picked.id] };
    const [first, second] = await Promise.all([customer.users.bulk(input), customer.users.bulk(input)]);
    expect(second.operationId).toBe(first.operationId);
    expect([first.alreadyStarted, second.alreadyStarted].sort()).toEqual([false, true]);
    expect(await db.select().from(bulkOperations).where(eq(bulkOperations.requestKey, key))).toHaveLength(1);
    expect(await chunkJobs(first.operationId)).toBe(1);
    // Another admin's identical key is their own operation.
    const other = await callerFor(db, demo.users.owner).users.bulk(input);
    expect(other.operationId).not.toBe(first.operationId);
  });

  it("a chunk done twice (a retry, two workers) does each item once: one invitation, one email", async () => {
    const picked = await Promise.all([freshUserIn("cardiology"), freshUserIn("cardiology")]);
    const { operationId } = await callerFor(db, demo.users.customer).users.bulk({
      requestKey: requestKey(),
      action: "invite",
      userIds: picked.map((u) => u.id),
    });
    const chunk = { operationId, from: 1, to: 2 };
    const deps = { links: { appUrl: "https://academy.example", secret: "x".repeat(40) }, uploadDir: ".data/t" };
    await Promise.all([runBulkChunk(db, deps, chunk), runBulkChunk(db, deps, chunk)]);
    await runBulkChunk(db, deps, chunk);
    expect((await bulkOutcomes(db, operationId)).map((o) => o.status)).toEqual(["done", "done"]);
    const emails = await db
      .select()
      .from(emailOutbox)
      .where(
        and(
          inArray(
            emailOutbox.userId,
            picked.map((u) => u.id),
          ),
          eq(emailOutbox.kind, "invitation"),
        ),
      );
    expect(emails).toHaveLength(2);
  });

  it("invites everyone not yet invited under the page's node, worked out by the server", async () => {
    const fresh = await Promise.all([freshUserIn("cardiology"), freshUserIn("cardiology")]);
    const group = callerFor(db, demo.users.group);
    const { count } = await group.users.notInvited({ nodeId: demo.nodes.cardiology });
    expect(count).toBeGreaterThanOrEqual(2);
    const { outcomes } = await completeBulk(
      db,
      group.users.bulk({
        requestKey: requestKey(),
        action: "invite",
        everyoneNotInvited: true,
        nodeId: demo.nodes.cardiology,
      }),
    );
    expect(outcomes).toHaveLength(count);
    expect(outcomes.map((o) => o.targetId)).toEqual(expect.arrayContaining(fresh.map((u) => u.id)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    // A node outside the admin's scope is not found, and starts nothing.
    const before = await snapshot();
    await expect(
      group.users.bulk({
        requestKey: requestKey(),
        action: "invite",
        everyoneNotInvited: true,
        nodeId: demo.nodes.orTechs,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
  });

  it("adds the selection to a group in scope; a group outside the scope refuses the whole request and changes nothing", async () => {
    const picked = await Promise.all([freshUserIn("orTechs"), freshUserIn("orTechs")]);
    const customer = callerFor(db, demo.users.customer);
    const before = await snapshot();
    const operations = await db.select({ id: bulkOperations.id }).from(bulkOperations);
    await expect(
      customer.users.bulk({
        requestKey: requestKey(),
        action: "addToGroup",
        userIds: picked.map((u) => u.id),
        groupId: demo.nodes.endoscopy,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
    expect(await db.select({ id: bulkOperations.id }).from(bulkOperations)).toHaveLength(operations.length);
    await completeBulk(
      db,
      customer.users.bulk({
        requestKey: requestKey(),
        action: "addToGroup",
        userIds: picked.map((u) => u.id),
        groupId: demo.nodes.cardiology,
      }),
    );
    const rows = await db.select().from(memberships).where(eq(memberships.nodeId, demo.nodes.cardiology));
    expect(rows.map((r) => r.userId)).toEqual(expect.arrayContaining(picked.map((u) => u.id)));
  });

  it("deletes only with the confirmation in the request, never the actor, and says why for each refusal", async () => {
    const picked = await Promise.all([freshUserIn("cardiology"), freshUserIn("cardiology")]);
    const owner = callerFor(db, demo.users.owner);
    const before = await snapshot();
    await expect(
      owner.users.bulk({ requestKey: requestKey(), action: "delete", userIds: picked.map((u) => u.id) }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot()).toEqual(before);
    const { outcomes } = await completeBulk(
      db,
      owner.users.bulk({
        requestKey: requestKey(),
        action: "delete",
        userIds: [...picked.map((u) => u.id), demo.users.owner],
        confirmDeletion: true,
      }),
    );
    expect(outcomes.map((o) => [o.ok, o.message])).toEqual([
      [true, null],
      [true, null],
      [false, "You cannot delete your own account."],
    ]);
    expect(
      await db
        .select()
        .from(users)
        .where(
          inArray(
            users.id,
            picked.map((u) => u.id),
          ),
        ),
    ).toEqual([]);
  });

  it("a group admin cannot suspend the customer admin through a bulk action; a product user may not bulk at all", async () => {
    const { outcomes } = await completeBulk(
      db,
      callerFor(db, demo.users.group).users.bulk({
        requestKey: requestKey(),
        action: "suspend",
        userIds: [demo.users.customer, demo.users.owner],
      }),
    );
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    expect(await suspendedOf([demo.users.customer, demo.users.owner])).toEqual({
      [demo.users.customer]: false,
      [demo.users.owner]: false,
    });
    await expect(
      callerFor(db, demo.users.product).users.bulk({
        requestKey: requestKey(),
        action: "suspend",
        userIds: [demo.users.product],
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an admin who loses their role while it runs: the rest is refused, as them, at that moment", async () => {
    const customerAdmin = await freshUserIn("orTechs");
    const [grant] = await db
      .insert(roleAssignments)
      .values({ userId: customerAdmin.id, nodeId: demo.nodes.stOlav, role: "customer_admin" })
      .returning();
    await refreshUserScopes(db, [customerAdmin.id]);
    const targets = await Promise.all([freshUserIn("cardiology"), freshUserIn("cardiology")]);
    const { operationId } = await callerFor(db, customerAdmin.id).users.bulk({
      requestKey: requestKey(),
      action: "suspend",
      userIds: targets.map((u) => u.id),
    });
    await db.delete(roleAssignments).where(eq(roleAssignments.id, grant!.id));
    await refreshUserScopes(db, [customerAdmin.id]);
    await runBulkJobs(db, operationId);
    expect((await bulkOutcomes(db, operationId)).map((o) => o.ok)).toEqual([false, false]);
    expect(Object.values(await suspendedOf(targets.map((u) => u.id)))).toEqual([false, false]);
  });

  it("an admin demoted or suspended between two items of one chunk: the items after it are refused", async () => {
    for (const loss of ["demoted", "suspended"] as const) {
      const customerAdmin = await freshUserIn("orTechs");
      await db
        .insert(roleAssignments)
        .values({ userId: customerAdmin.id, nodeId: demo.nodes.stOlav, role: "customer_admin" });
      await refreshUserScopes(db, [customerAdmin.id]);
      const targets = [];
      for (let i = 0; i < 3; i++) targets.push(await freshUserIn("cardiology"));
      const { operationId } = await callerFor(db, customerAdmin.id).users.bulk({
        requestKey: requestKey(),
        action: "suspend",
        userIds: targets.map((u) => u.id),
      });
      // Another owner admin acts the moment the first suspension is written: in the same
      // transaction, as if it had committed between the two items.
      const change =
        loss === "demoted"
          ? `delete from role_assignments where user_id = '${customerAdmin.id}'`
          : `update users set suspended_at = now() where id = '${customerAdmin.id}'`;
      await db.execute(
        sql.raw(`create or replace function bulk_test_loss() returns trigger language plpgsql as $$
          begin ${change}; return new; end $$;
          create trigger bulk_test_loss after insert on audit_log for each row
          when (new.action = 'user.suspended' and new.target_id = '${targets[0]!.id}')
          execute function bulk_test_loss();`),
      );
      try {
        await runBulkJobs(db, operationId);
      } finally {
        await db.execute(sql.raw(`drop trigger bulk_test_loss on audit_log; drop function bulk_test_loss();`));
      }
      const outcomes = await bulkOutcomes(db, operationId);
      expect(
        outcomes.map((o) => o.ok),
        loss,
      ).toEqual([true, false, false]);
      const suspended = await suspendedOf(targets.map((u) => u.id));
      expect(
        targets.map((u) => suspended[u.id]),
        loss,
      ).toEqual([true, false, false]);
      expect(outcomes[1]!.message).toMatch(
        /^(The admin who started this can no longer act\.|No such user in your organisation\.)$/,
      );
    }
  });

  it("bad input is refused whole: no ids, duplicates, no key, no group, both a selection and everyone", async () => {
    const owner = callerFor(db, demo.users.owner);
    const before = await snapshot();
    const key = requestKey();
    await expect(owner.users.bulk({ requestKey: key, action: "suspend", userIds: [] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      owner.users.bulk({ requestKey: key, action: "suspend", userIds: [demo.users.product, demo.users.product] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.users.bulk({ requestKey: "short", action: "suspend", userIds: [demo.users.product] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.users.bulk({ requestKey: key, action: "addToGroup", userIds: [demo.users.product] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.users.bulk({ requestKey: key, action: "suspend", userIds: [demo.users.product], everyoneNotInvited: true }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.users.bulk({ requestKey: key, action: "suspend", everyoneNotInvited: true }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.users.bulk({
        requestKey: key,
        action: "suspend",
        userIds: Array.from({ length: 10_001 }, () => crypto.randomUUID()),
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("bulk: progress, cancel and who sees them", () => {
  it("cancel stops the rest: what was done stays done, the rest is marked and left as it was", async () => {
    const targets = await Promise.all(Array.from({ length: 3 }, () => freshUserIn("orTechs")));
    const customer = callerFor(db, demo.users.customer);
    const { operationId } = await customer.users.bulk({
      requestKey: requestKey(),
      action: "suspend",
      userIds: targets.map((u) => u.id),
    });
    const deps = { links: { appUrl: "https://academy.example", secret: "x".repeat(40) }, uploadDir: ".data/t" };
    // The worker has done the first item when the admin presses Stop.
    await runBulkChunk(db, deps, { operationId, from: 1, to: 1 });
    await customer.bulk.cancel({ operationId });
    await runBulkJobs(db, operationId);
    const read = await customer.bulk.get({ operationId });
    expect(read.counts).toEqual({ pending: 0, done: 1, failed: 0, cancelled: 2 });
    expect(read.cancelledAt).not.toBeNull();
    expect(read.finishedAt).not.toBeNull();
    expect(Object.values(await suspendedOf(targets.map((u) => u.id))).sort()).toEqual([false, false, true]);
    await expect(customer.bulk.cancel({ operationId })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, operationId), eq(auditLog.action, "bulk.cancelled"))),
    ).toHaveLength(1);
  });

  it("a stop pressed while a chunk is being done leaves nothing pending and nothing done twice", async () => {
    const targets = await Promise.all(Array.from({ length: 8 }, () => freshUserIn("orTechs")));
    const customer = callerFor(db, demo.users.customer);
    const { operationId } = await customer.users.bulk({
      requestKey: requestKey(),
      action: "suspend",
      userIds: targets.map((u) => u.id),
    });
    await Promise.all([runBulkJobs(db, operationId), customer.bulk.cancel({ operationId })]);
    const read = await customer.bulk.get({ operationId });
    expect(read.counts.pending).toBe(0);
    expect(read.counts.done + read.counts.cancelled).toBe(8);
    expect(read.finishedAt).not.toBeNull();
    const suspended = Object.values(await suspendedOf(targets.map((u) => u.id))).filter(Boolean).length;
    expect(suspended).toBe(read.counts.done);
  });

  it("isolation matrix: admins at or above the operation's node see it and may stop it; anyone else gets NOT_FOUND and no data", async () => {
    const targets = await Promise.all([freshUserIn("orTechs"), freshUserIn("cardiology")]);
    const { operationId } = await callerFor(db, demo.users.customer).users.bulk({
      requestKey: requestKey(),
      action: "suspend",
      userIds: targets.map((u) => u.id),
    });
    for (const who of ["market", "owner"] as const) {
      const seen = await callerFor(db, demo.users[who]).bulk.get({ operationId });
      expect(seen).toMatchObject({ startedByMe: false, total: 2 });
      expect((await callerFor(db, demo.users[who]).bulk.list({})).map((o) => o.id)).toContain(operationId);
    }
    const before = await db.select().from(bulkOperations).where(eq(bulkOperations.id, operationId));
    for (const who of ["group", "clinicUser", "product", "devonUser"] as const) {
      const caller = callerFor(db, demo.users[who]);
      await expect(caller.bulk.get({ operationId })).rejects.toMatchObject({
        code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/),
      });
      await expect(caller.bulk.cancel({ operationId })).rejects.toMatchObject({
        code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/),
      });
      const listed = await caller.bulk.list({}).catch(() => []);
      expect(listed.map((o) => o.id)).not.toContain(operationId);
    }
    expect(await db.select().from(bulkOperations).where(eq(bulkOperations.id, operationId))).toEqual(before);
    expect(
      await db
        .select({ status: bulkOperationItems.status })
        .from(bulkOperationItems)
        .where(eq(bulkOperationItems.operationId, operationId)),
    ).toEqual([{ status: "pending" }, { status: "pending" }]);
    await callerFor(db, demo.users.market).bulk.cancel({ operationId });
    expect((await callerFor(db, demo.users.customer).bulk.get({ operationId })).counts.cancelled).toBe(2);
  });
});
