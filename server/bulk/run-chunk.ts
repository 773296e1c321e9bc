import { and, asc, between, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { bulkOperationItems, bulkOperations, type BulkOperationKind } from "../db/schema";
import { DomainError } from "../domain-error";
import type { LinkConfig } from "../email/links";
import { inviteUser } from "../invitations/invite";
import { acceptRequestInTx, rejectRegistrationRequest } from "../registration/decide-requests";
import { requestTargets } from "../registration/review-requests";
import { can, loadActor, requireNodeAccess, requireUserAccess, type Actor } from "../scope";
import { importUsers } from "../users/import-users";
import { deleteUser, setSuspended } from "../users/manage-user";
import { removePhotoFile } from "../users/photo";
import { addToGroup } from "../users/placements";
import { finishIfDone } from "./operations";

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
const itemActions: Record<Exclude<BulkOperationKind, "import_users">, (run: ItemRun) => Promise<void>> = {
  async invite(run) {
    await requireUserAccess(run.tx, run.actor, "user.account", run.targetId);
    await inviteUser(run.tx, run.audit, run.deps.links, run.targetId);
  },
  async suspend(run) {
    await requireUserAccess(run.tx, run.actor, "user.account", run.targetId);
    await setSuspended(run.tx, run.audit, run.targetId, true);
  },
  async reactivate(run) {
    await requireUserAccess(run.tx, run.actor, "user.account", run.targetId);
    await setSuspended(run.tx, run.audit, run.targetId, false);
  },
  async add_to_group(run) {
    const { groupId } = bulkParams.add_to_group.parse(run.params);
    await requireNodeAccess(run.tx, run.actor, "group.members", groupId);
    await requireUserAccess(run.tx, run.actor, "user.membership", run.targetId);
    await addToGroup(run.tx, run.audit, run.targetId, groupId);
  },
  async delete(run) {
    await requireUserAccess(run.tx, run.actor, "user.account", run.targetId);
    const { photoPath } = await deleteUser(run.tx, run.audit, run.targetId, { bulkConfirmed: true });
    run.afterCommit(() => removePhotoFile(run.deps.uploadDir, photoPath));
  },
  async accept_registrations(run) {
    const { groupId } = bulkParams.accept_registrations.parse(run.params);
    const found = await decidableRequest(run);
    const group = groupId
      ? await requireNodeAccess(run.tx, run.actor, "registration.review", groupId)
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
 * Does one chunk of a bulk operation (the items at positions [from, to]). Each item is claimed,
 * done and recorded in one transaction, so a chunk run twice (a retry, a worker that died) never
 * does an item twice. A cancelled operation, or a starter who may no longer act, ends the rest.
 */
export async function runBulkChunk(
  db: Database,
  deps: BulkRunDeps,
  chunk: { operationId: string; from: number; to: number },
): Promise<void> {
  const [operation] = await db.select().from(bulkOperations).where(eq(bulkOperations.id, chunk.operationId));
  if (!operation) return;
  const actor = operation.startedBy ? await loadActor(db, operation.startedBy) : null;
  const inChunk = and(
    eq(bulkOperationItems.operationId, operation.id),
    between(bulkOperationItems.position, chunk.from, chunk.to),
    eq(bulkOperationItems.status, "pending"),
  );
  if (!actor) {
    await db
      .update(bulkOperationItems)
      .set({ status: "failed", message: "The admin who started this can no longer act.", doneAt: new Date() })
      .where(inChunk);
  } else if (operation.kind === "import_users") {
    await runImportChunk(db, actor, operation, chunk);
  } else {
    const act = itemActions[operation.kind];
    const audit: AuditContext = { actorId: operation.startedBy, ip: operation.ip };
    const pending = await db
      .select({ position: bulkOperationItems.position })
      .from(bulkOperationItems)
      .where(inChunk)
      .orderBy(asc(bulkOperationItems.position));
    for (const { position } of pending) {
      const afterCommit: (() => Promise<void>)[] = [];
      const stopped = await db.transaction(async (tx) => {
        const [state] = await tx
          .select({ cancelledAt: bulkOperations.cancelledAt })
          .from(bulkOperations)
          .where(eq(bulkOperations.id, operation.id));
        if (state?.cancelledAt) return true;
        // Claimed by this run; one that another run holds, or has done, is skipped.
        const [item] = await tx
          .select({ targetId: bulkOperationItems.targetId })
          .from(bulkOperationItems)
          .where(
            and(
              eq(bulkOperationItems.operationId, operation.id),
              eq(bulkOperationItems.position, position),
              eq(bulkOperationItems.status, "pending"),
            ),
          )
          .for("update", { skipLocked: true });
        if (!item?.targetId) return false;
        const targetId = item.targetId;
        let outcome: { status: "done" | "failed"; message: string | null };
        try {
          // A savepoint: a refusal half-way undoes the item's own writes, not its outcome.
          await tx.transaction((itemTx) =>
            act({
              tx: itemTx,
              actor,
              audit,
              deps,
              params: operation.params,
              targetId,
              afterCommit: (work) => afterCommit.push(work),
            }),
          );
          outcome = { status: "done", message: null };
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          afterCommit.length = 0;
          outcome = { status: "failed", message: error.message };
        }
        await tx
          .update(bulkOperationItems)
          .set({ ...outcome, doneAt: new Date() })
          .where(and(eq(bulkOperationItems.operationId, operation.id), eq(bulkOperationItems.position, position)));
        return false;
      });
      for (const work of afterCommit) await work();
      if (stopped) break;
    }
  }
  await finishIfDone(db, operation.id);
}

/**
 * One chunk of a CSV import: the lines [from, to] created in one transaction, re-checked there,
 * with each line's outcome; a refusal of the whole chunk (no seats left) is every line's outcome.
 */
async function runImportChunk(
  db: Database,
  actor: Actor,
  operation: typeof bulkOperations.$inferSelect,
  chunk: { from: number; to: number },
): Promise<void> {
  const audit: AuditContext = { actorId: operation.startedBy, ip: operation.ip };
  await db.transaction(async (tx) => {
    const [state] = await tx
      .select({ cancelledAt: bulkOperations.cancelledAt })
      .from(bulkOperations)
      .where(eq(bulkOperations.id, operation.id));
    if (state?.cancelledAt) return;
    const claimed = await tx
      .select({ position: bulkOperationItems.position })
      .from(bulkOperationItems)
      .where(
        and(
          eq(bulkOperationItems.operationId, operation.id),
          between(bulkOperationItems.position, chunk.from, chunk.to),
          eq(bulkOperationItems.status, "pending"),
        ),
      )
      .for("update", { skipLocked: true });
    if (claimed.length === 0) return;
    const lines = claimed.map((c) => c.position);
    const params = bulkParams.import_users.parse(operation.params);
    const outcomes = new Map<number, { status: "done" | "failed"; message: string | null }>();
    try {
      const result = await tx.transaction((importTx) =>
        importUsers(importTx, audit, actor, {
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
    for (const status of ["done", "failed"] as const) {
      const byMessage = new Map<string | null, number[]>();
      for (const line of lines) {
        const outcome = outcomes.get(line) ?? { status: "failed", message: "This line was not imported." };
        if (outcome.status !== status) continue;
        byMessage.set(outcome.message, [...(byMessage.get(outcome.message) ?? []), line]);
      }
      for (const [message, positions] of byMessage)
        await tx
          .update(bulkOperationItems)
          .set({ status, message, doneAt: new Date() })
          .where(
            and(eq(bulkOperationItems.operationId, operation.id), inArray(bulkOperationItems.position, positions)),
          );
    }
  });
}
