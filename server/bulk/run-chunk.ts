import { and, asc, between, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { bulkOperationItems, bulkOperations, type BulkOperationKind } from "../db/schema";
import { DomainError } from "../domain-error";
import type { LinkConfig } from "../email/links";
import { inviteUser } from "../invitations/invite";
import { acceptRequestInTx, rejectRegistrationRequest } from "../registration/decide-requests";
import { requestTargets } from "../registration/review-requests";
import { can, loadActor, type Actor } from "../scope";
import { requireTarget } from "../scope/targets";
import { applyOrganisationLines, planOrganisationImport } from "../organisation/import-organisation";
import { importUsers } from "../users/import-users";
import { deleteUser, setSuspended } from "../users/manage-user";
import { removePhotoFile } from "../users/photo";
import { addToGroup } from "../users/placements";

/** What the workers need to do a chunk: the links in emails and where photos live. */
export interface BulkRunDeps {
  links: LinkConfig;
  uploadDir: string;
}

/** What the operations of each kind carry besides their items (validated again when read back). */
export const bulkParams = {
  add_to_group: z.object({ groupId: z.uuid() }),
  accept_registrations: z.object({ groupId: z.uuid().nullable() }),
  reject_registrations: z.object({ reason: z.string().max(1000).nullable(), notify: z.boolean() }),
  import_users: z.object({ csv: z.string(), defaultGroupId: z.uuid().nullable() }),
  import_organisation: z.object({ csv: z.string() }),
} as const;

interface ItemRun {
  tx: DbOrTx;
  actor: Actor;
  audit: AuditContext;
  deps: BulkRunDeps;
  params: unknown;
  targetId: string;
  /** Work to do once the item's transaction has committed (a deleted user's photo file). */
  afterCommit: (work: () => Promise<void>) => void;
}

const requestNotFound = "No such registration request in your scope.";
const starterGone = "The admin who started this can no longer act.";

/** Asks the resolver whether the admin may decide this registration request (through its facility). */
async function decidableRequest(run: ItemRun) {
  const found = (await requestTargets(run.tx, [run.targetId])).get(run.targetId);
  if (!found || !can(run.actor, "registration.review", found.target).allowed)
    throw new DomainError("NOT_FOUND", requestNotFound);
  return found;
}

/**
 * What each kind does to one item, as the admin who started it: the resolver is asked first, and
 * a refusal (DomainError) becomes the item's outcome. Import works line by line in one transaction
 * per chunk instead (see runImportChunk).
 */
const itemActions: Record<
  Exclude<BulkOperationKind, "import_users" | "import_organisation">,
  (run: ItemRun) => Promise<void>
> = {
  async invite(run) {
    await requireTarget(run.tx, run.actor, "user.account", run.targetId);
    await inviteUser(run.tx, run.audit, run.deps.links, run.targetId);
  },
  async suspend(run) {
    await requireTarget(run.tx, run.actor, "user.account", run.targetId);
    await setSuspended(run.tx, run.audit, run.targetId, true);
  },
  async reactivate(run) {
    await requireTarget(run.tx, run.actor, "user.account", run.targetId);
    await setSuspended(run.tx, run.audit, run.targetId, false);
  },
  async add_to_group(run) {
    const { groupId } = bulkParams.add_to_group.parse(run.params);
    await requireTarget(run.tx, run.actor, "group.members", groupId);
    await requireTarget(run.tx, run.actor, "user.membership", run.targetId);
    await addToGroup(run.tx, run.audit, run.targetId, groupId);
  },
  async delete(run) {
    await requireTarget(run.tx, run.actor, "user.account", run.targetId);
    const { photoPath } = await deleteUser(run.tx, run.audit, run.targetId, { bulkConfirmed: true });
    run.afterCommit(() => removePhotoFile(run.deps.uploadDir, photoPath));
  },
  async accept_registrations(run) {
    const { groupId } = bulkParams.accept_registrations.parse(run.params);
    const found = await decidableRequest(run);
    const group = groupId
      ? (await requireTarget(run.tx, run.actor, "registration.review", groupId)).target
      : found.suggestedGroup;
    if (!group || !can(run.actor, "registration.review", group).allowed)
      throw new DomainError(
        "PRECONDITION_FAILED",
        "This request's facility has no default group: choose the group to place the person in.",
      );
    await acceptRequestInTx(run.tx, run.audit, run.deps.links, {
      requestId: run.targetId,
      groupId: group.nodeId,
      automatic: false,
    });
  },
  async reject_registrations(run) {
    const params = bulkParams.reject_registrations.parse(run.params);
    await decidableRequest(run);
    await rejectRegistrationRequest(run.tx, run.audit, { requestId: run.targetId, ...params });
  },
};

/**
 * Does one chunk of a bulk operation (the items at positions [from, to]) in one transaction: its
 * pending items are claimed (a run of the same chunk at the same time skips them), each is done in
 * a savepoint, so a refusal undoes that item's writes and becomes its outcome, and the outcomes
 * commit with the work. A chunk that fails part-way commits nothing and is retried whole; one run
 * twice finds its items done. A stopped operation, or a starter who may no longer act, ends the rest.
 */
export async function runBulkChunk(
  db: Database,
  deps: BulkRunDeps,
  chunk: { operationId: string; from: number; to: number },
): Promise<void> {
  const [operation] = await db.select().from(bulkOperations).where(eq(bulkOperations.id, chunk.operationId));
  if (!operation) return;
  const actor = operation.startedBy ? await loadActor(db, operation.startedBy) : null;
  const pendingInChunk = pendingIn(operation.id, chunk);
  if (operation.cancelledAt || !actor) {
    await db
      .update(bulkOperationItems)
      .set(
        operation.cancelledAt
          ? { status: "cancelled", doneAt: new Date() }
          : { status: "failed", message: starterGone, doneAt: new Date() },
      )
      .where(pendingInChunk);
  } else if (operation.kind === "import_users") {
    await runImportChunk(db, actor.userId, operation, chunk);
  } else if (operation.kind === "import_organisation") {
    await runOrganisationImport(db, actor, operation, chunk);
  } else {
    const act = itemActions[operation.kind];
    const audit: AuditContext = { actorId: operation.startedBy, ip: operation.ip };
    const afterCommit: (() => Promise<void>)[] = [];
    await db.transaction(async (tx) => {
      const claimed = await tx
        .select({ position: bulkOperationItems.position, targetId: bulkOperationItems.targetId })
        .from(bulkOperationItems)
        .where(pendingInChunk)
        .orderBy(asc(bulkOperationItems.position))
        .for("update", { skipLocked: true });
      const outcomes = new Map<number, Outcome>();
      for (const item of claimed) {
        // Stop pressed meanwhile: the rest stays pending here, and the stop marks it cancelled.
        if (await stoppedMeanwhile(tx, operation.id)) break;
        // The starter's authority as it is now, for each item: a role lost or a suspension since
        // the last one stops the rest.
        const actorNow = await loadActor(tx, actor.userId);
        if (!actorNow) {
          outcomes.set(item.position, { status: "failed", message: starterGone });
          continue;
        }
        const itemWork: (() => Promise<void>)[] = [];
        try {
          await tx.transaction((itemTx) =>
            act({
              tx: itemTx,
              actor: actorNow,
              audit,
              deps,
              params: operation.params,
              targetId: item.targetId!,
              afterCommit: (work) => itemWork.push(work),
            }),
          );
          outcomes.set(item.position, { status: "done", message: null });
          afterCommit.push(...itemWork);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          outcomes.set(item.position, { status: "failed", message: error.message });
        }
      }
      await recordOutcomes(tx, operation.id, outcomes);
    });
    for (const work of afterCommit) await work();
  }
  await finishIfDone(db, operation.id);
}

type Outcome = { status: "done" | "failed"; message: string | null };

/** The items of a chunk not done yet. */
const pendingIn = (operationId: string, chunk: { from: number; to: number }) =>
  and(
    eq(bulkOperationItems.operationId, operationId),
    between(bulkOperationItems.position, chunk.from, chunk.to),
    eq(bulkOperationItems.status, "pending"),
  );

async function stoppedMeanwhile(tx: DbOrTx, operationId: string): Promise<boolean> {
  const [state] = await tx
    .select({ cancelledAt: bulkOperations.cancelledAt })
    .from(bulkOperations)
    .where(eq(bulkOperations.id, operationId));
  return Boolean(state?.cancelledAt);
}

/** Writes the items' outcomes: one statement per kind of outcome and message, not one per item. */
async function recordOutcomes(tx: DbOrTx, operationId: string, outcomes: Map<number, Outcome>): Promise<void> {
  const groups = new Map<string, { outcome: Outcome; positions: number[] }>();
  for (const [position, outcome] of outcomes) {
    const key = `${outcome.status}\u0000${outcome.message ?? ""}`;
    const group = groups.get(key) ?? { outcome, positions: [] };
    group.positions.push(position);
    groups.set(key, group);
  }
  for (const { outcome, positions } of groups.values())
    await tx
      .update(bulkOperationItems)
      .set({ ...outcome, doneAt: new Date() })
      .where(and(eq(bulkOperationItems.operationId, operationId), inArray(bulkOperationItems.position, positions)));
}

/**
 * One chunk of a CSV import: the lines [from, to] created in one transaction, re-checked there,
 * with each line's outcome; a refusal of the whole chunk (no seats left) is every line's outcome.
 */
async function runImportChunk(
  db: Database,
  starterId: string,
  operation: typeof bulkOperations.$inferSelect,
  chunk: { from: number; to: number },
): Promise<void> {
  const audit: AuditContext = { actorId: operation.startedBy, ip: operation.ip };
  await db.transaction(async (tx) => {
    if (await stoppedMeanwhile(tx, operation.id)) return;
    const claimed = await tx
      .select({ position: bulkOperationItems.position })
      .from(bulkOperationItems)
      .where(pendingIn(operation.id, chunk))
      .for("update", { skipLocked: true });
    if (claimed.length === 0) return;
    const lines = claimed.map((c) => c.position);
    const params = bulkParams.import_users.parse(operation.params);
    const outcomes = new Map<number, Outcome>();
    // The starter as they are now: this chunk's lines are created in this transaction.
    const actorNow = await loadActor(tx, starterId);
    if (!actorNow) {
      await recordOutcomes(
        tx,
        operation.id,
        new Map(lines.map((line) => [line, { status: "failed", message: starterGone }])),
      );
      return;
    }
    try {
      const result = await tx.transaction((importTx) =>
        importUsers(importTx, audit, actorNow, {
          csv: params.csv,
          defaultGroupId: params.defaultGroupId,
          fromLine: chunk.from,
          count: chunk.to - chunk.from + 1,
          skipInvalid: true,
        }),
      );
      for (const created of result.created) outcomes.set(created.line, { status: "done", message: null });
      for (const skipped of result.skipped)
        outcomes.set(skipped.line, { status: "failed", message: skipped.errors.join(" ") });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const line of lines) outcomes.set(line, { status: "failed", message: error.message });
    }
    // Each claimed line gets its outcome; one the import neither created nor skipped (none should
    // be) is not left pending.
    const claimedOutcomes = new Map<number, Outcome>(
      lines.map((line) => [line, outcomes.get(line) ?? { status: "failed", message: "This line was not imported." }]),
    );
    await recordOutcomes(tx, operation.id, claimedOutcomes);
  });
}

/** Lines of an organisation import per transaction: progress shows batch by batch. */
const organisationBatch = 500;

/**
 * An organisation import: planned once against the tree as it is now (as the admin who started
 * it), then applied shallowest line first in transactions of 500 lines, each committing its lines'
 * outcomes, so the page's progress moves and a parent always exists before its children. A run
 * cut short is retried: the lines done are skipped, and those created are found by the new plan.
 */
async function runOrganisationImport(
  db: Database,
  actor: Actor,
  operation: typeof bulkOperations.$inferSelect,
  chunk: { from: number; to: number },
): Promise<void> {
  const audit: AuditContext = { actorId: operation.startedBy, ip: operation.ip };
  const params = bulkParams.import_organisation.parse(operation.params);
  const plan = await planOrganisationImport(db, actor, params.csv);
  const pending = new Set(
    (
      await db
        .select({ position: bulkOperationItems.position })
        .from(bulkOperationItems)
        .where(pendingIn(operation.id, chunk))
    ).map((item) => item.position),
  );
  const ordered = plan.order.map((index) => plan.lines[index]!.line);
  const orderedSet = new Set(ordered);
  const inOrder = [
    ...ordered,
    // Lines the plan cannot order (a circle) come last, and fail.
    ...plan.lines.map((line) => line.line).filter((line) => !orderedSet.has(line)),
  ].filter((line) => pending.has(line));
  const createdIds = new Map<number, { id: string; path: string }>();
  for (let i = 0; i < inOrder.length; i += organisationBatch) {
    const stopped = await db.transaction(async (tx) => {
      if (await stoppedMeanwhile(tx, operation.id)) return true;
      const claimed = await tx
        .select({ position: bulkOperationItems.position })
        .from(bulkOperationItems)
        .where(
          and(
            eq(bulkOperationItems.operationId, operation.id),
            inArray(bulkOperationItems.position, inOrder.slice(i, i + organisationBatch)),
            eq(bulkOperationItems.status, "pending"),
          ),
        )
        .for("update", { skipLocked: true });
      const lines = new Set(claimed.map((item) => item.position));
      // The starter as they are now, for each batch: every line is asked about again as it is written.
      const actorNow = await loadActor(tx, actor.userId);
      if (!actorNow) {
        await recordOutcomes(
          tx,
          operation.id,
          new Map([...lines].map((line) => [line, { status: "failed", message: starterGone }])),
        );
        return false;
      }
      const outcomes = await applyOrganisationLines(tx, audit, actorNow, plan, lines, createdIds);
      for (const line of lines)
        if (!outcomes.has(line)) outcomes.set(line, { status: "failed", message: "This line was not imported." });
      await recordOutcomes(tx, operation.id, outcomes);
      return false;
    });
    if (stopped) return;
  }
}

/**
 * Marks the operation finished once no item waits (whichever chunk ends last does it), and drops
 * what it no longer needs to keep: an imported file's contents.
 */
export async function finishIfDone(db: DbOrTx, operationId: string): Promise<boolean> {
  const finished = await db
    .update(bulkOperations)
    .set({ finishedAt: new Date(), params: sql`${bulkOperations.params} - 'csv'` })
    .where(
      and(
        eq(bulkOperations.id, operationId),
        isNull(bulkOperations.finishedAt),
        sql`not exists (select 1 from ${bulkOperationItems} where ${bulkOperationItems.operationId} = ${operationId} and ${bulkOperationItems.status} = 'pending')`,
      ),
    )
    .returning({ id: bulkOperations.id });
  return finished.length > 0;
}
