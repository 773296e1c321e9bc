import { and, desc, eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { bulkOperationItems, bulkOperations, users, type BulkItemStatus, type BulkOperationKind } from "../db/schema";
import { DomainError } from "../domain-error";
import { enqueueMany } from "../jobs/enqueue";
import { bulkOperationJob } from "../../workers/bulk-operation";
import { organisationImportLimits } from "../organisation/import-organisation";
import { can, loadNodeTarget, visibleUsersFilter, type Actor } from "../scope";
import { finishIfDone } from "./run-chunk";

/*
 * Bulk operations: an admin's one press of a button that acts on up to 10,000 people. The request
 * records the operation, its items and its chunk jobs in one transaction and answers at once; the
 * workers do the chunks (server/bulk/run-chunk.ts), each item asked of the scope resolver as the
 * admin who started it. Progress is counted from the items, so every instance shows the same.
 */

/** The most items one operation takes (the users page's "invite everyone", a CSV file). */
export const bulkOperationLimit = 10_000;

/** Items per chunk job: small enough that a retried chunk redoes little, large enough to be cheap. */
export const bulkChunkItems = { perItem: 50, import: 200 } as const;

export interface BulkItemInput {
  position: number;
  targetId: string | null;
  label: string;
}

export interface StartBulkOperation {
  kind: BulkOperationKind;
  /** The page's key for this press of the button (a second press with it returns the first). */
  requestKey: string;
  /** Where the operation applies (the page's node), for the admins who may see it besides its starter. */
  nodeId: string | null;
  params: Record<string, unknown>;
  items: BulkItemInput[];
}

/**
 * Records a bulk operation with its items and queues its chunk jobs, all in one transaction: it
 * exists with all of its work or not at all. The same request key from the same admin returns the
 * operation already started (a double press, a retried request).
 */
export async function startBulkOperation(
  db: Database,
  actor: Actor,
  context: AuditContext,
  input: StartBulkOperation,
): Promise<{ operationId: string; alreadyStarted: boolean }> {
  if (input.items.length === 0) throw new DomainError("BAD_REQUEST", "There is nothing to do: nobody is selected.");
  const limit = input.kind === "import_organisation" ? organisationImportLimits.maxRows : bulkOperationLimit;
  if (input.items.length > limit)
    throw new DomainError("BAD_REQUEST", `Act on at most ${limit.toLocaleString("en-GB")} at a time.`);
  return db.transaction(async (tx) => {
    const nodeId = input.nodeId ?? singleGrantNode(actor);
    const [starter] = await tx
      .select({ name: sql<string>`${users.firstName} || ' ' || ${users.lastName}` })
      .from(users)
      .where(eq(users.id, actor.userId));
    const [created] = await tx
      .insert(bulkOperations)
      .values({
        kind: input.kind,
        startedBy: actor.userId,
        startedByName: starter?.name ?? "An administrator",
        ip: context.ip,
        nodeId,
        params: input.params,
        requestKey: input.requestKey,
        total: input.items.length,
      })
      .onConflictDoNothing({ target: [bulkOperations.startedBy, bulkOperations.requestKey] })
      .returning({ id: bulkOperations.id });
    if (!created) {
      const [existing] = await tx
        .select({ id: bulkOperations.id })
        .from(bulkOperations)
        .where(and(eq(bulkOperations.startedBy, actor.userId), eq(bulkOperations.requestKey, input.requestKey)));
      return { operationId: existing!.id, alreadyStarted: true };
    }
    const operationId = created.id;
    // One statement for all the items, however many.
    await tx.execute(sql`
      insert into ${bulkOperationItems} (operation_id, position, target_id, label)
      select ${operationId}, item.position, item.target_id, item.label
      from unnest(
        ${sql.param(input.items.map((i) => i.position))}::int[],
        ${sql.param(input.items.map((i) => i.targetId))}::uuid[],
        ${sql.param(input.items.map((i) => i.label))}::text[]
      ) as item(position, target_id, label)`);
    // An organisation's lines depend on each other (parents first): one job does them in order.
    const size =
      input.kind === "import_organisation"
        ? input.items.length
        : input.kind === "import_users"
          ? bulkChunkItems.import
          : bulkChunkItems.perItem;
    const positions = input.items.map((i) => i.position).sort((a, b) => a - b);
    const chunks: { operationId: string; from: number; to: number }[] = [];
    for (let i = 0; i < positions.length; i += size) {
      chunks.push({ operationId, from: positions[i]!, to: positions[Math.min(i + size, positions.length) - 1]! });
    }
    await enqueueMany(tx, bulkOperationJob, chunks);
    await recordAudit(tx, context, {
      action: "bulk.started",
      targetType: "bulk_operation",
      targetId: operationId,
      after: { kind: input.kind, total: input.items.length, nodeId },
    });
    return { operationId, alreadyStarted: false };
  });
}

/** An admin with one grant shares their operations with the admins above it; several: with nobody. */
function singleGrantNode(actor: Actor): string | null {
  return actor.grants.length === 1 ? actor.grants[0]!.nodeId : null;
}

/**
 * Labels for a selection of user ids: their names where the actor may see them, a neutral phrase
 * otherwise (an id from outside the scope must not reveal whose it is). Keeps the given order.
 */
export async function userItems(db: DbOrTx, actor: Actor, userIds: readonly string[]): Promise<BulkItemInput[]> {
  // One array parameter, however many ids.
  const rows = await db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(and(sql`${users.id} = any(${sql.param([...userIds])}::uuid[])`, visibleUsersFilter(actor)));
  const names = new Map(rows.map((row) => [row.id, `${row.firstName} ${row.lastName}`]));
  return userIds.map((id, index) => ({
    position: index + 1,
    targetId: id,
    label: names.get(id) ?? "A user outside your organisation",
  }));
}

// Reading and cancelling ---------------------------------------------------------------------------

type OperationRow = typeof bulkOperations.$inferSelect;

/** The starter sees their operation; other admins when they administer its node or above. */
async function mayRead(db: DbOrTx, viewer: Actor, operation: OperationRow): Promise<boolean> {
  if (operation.startedBy === viewer.userId) return true;
  if (!operation.nodeId) return false;
  const node = await loadNodeTarget(db, operation.nodeId);
  return node !== null && can(viewer, "bulk.read", node).allowed;
}

async function findReadable(db: DbOrTx, viewer: Actor, operationId: string): Promise<OperationRow> {
  const [operation] = await db.select().from(bulkOperations).where(eq(bulkOperations.id, operationId));
  if (!operation || !(await mayRead(db, viewer, operation)))
    throw new DomainError("NOT_FOUND", "No such bulk action in your scope.");
  return operation;
}

export type BulkCounts = Record<BulkItemStatus, number>;

async function countItems(db: DbOrTx, operationIds: string[]): Promise<Map<string, BulkCounts>> {
  const counts = new Map<string, BulkCounts>();
  if (operationIds.length === 0) return counts;
  const rows = await db
    .select({
      operationId: bulkOperationItems.operationId,
      status: bulkOperationItems.status,
      count: sql<number>`count(*)::int`,
    })
    .from(bulkOperationItems)
    .where(inArray(bulkOperationItems.operationId, operationIds))
    .groupBy(bulkOperationItems.operationId, bulkOperationItems.status);
  for (const id of operationIds) counts.set(id, { pending: 0, done: 0, failed: 0, cancelled: 0 });
  for (const row of rows) counts.get(row.operationId)![row.status] = row.count;
  return counts;
}

export interface BulkOperationSummary {
  id: string;
  kind: BulkOperationKind;
  startedByName: string;
  startedByMe: boolean;
  createdAt: Date;
  finishedAt: Date | null;
  cancelledAt: Date | null;
  total: number;
  counts: BulkCounts;
}

function summary(viewer: Actor, operation: OperationRow, counts: BulkCounts): BulkOperationSummary {
  return {
    id: operation.id,
    kind: operation.kind,
    startedByName: operation.startedByName,
    startedByMe: operation.startedBy === viewer.userId,
    createdAt: operation.createdAt,
    finishedAt: operation.finishedAt,
    cancelledAt: operation.cancelledAt,
    total: operation.total,
    counts,
  };
}

/** Failed items shown with an operation: enough to act on; the rest are counted. */
const failuresShown = 200;

/** One operation's progress and the items that could not be done, with the reason. */
export async function readBulkOperation(db: DbOrTx, viewer: Actor, operationId: string) {
  const operation = await findReadable(db, viewer, operationId);
  const counts = (await countItems(db, [operation.id])).get(operation.id)!;
  const failures = await db
    .select({
      position: bulkOperationItems.position,
      label: bulkOperationItems.label,
      message: bulkOperationItems.message,
    })
    .from(bulkOperationItems)
    .where(and(eq(bulkOperationItems.operationId, operation.id), eq(bulkOperationItems.status, "failed")))
    .orderBy(bulkOperationItems.position)
    .limit(failuresShown);
  return { ...summary(viewer, operation, counts), failures };
}

/** The operations of the last day the viewer may see (running ones first), of the given kinds. */
export async function listBulkOperations(db: DbOrTx, viewer: Actor, kinds: readonly BulkOperationKind[]) {
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const candidates = await db
    .select()
    .from(bulkOperations)
    .where(
      and(
        inArray(bulkOperations.kind, [...kinds]),
        or(isNull(bulkOperations.finishedAt), gte(bulkOperations.createdAt, since)),
      ),
    )
    .orderBy(sql`${bulkOperations.finishedAt} is null desc`, desc(bulkOperations.createdAt))
    .limit(100);
  const readable: OperationRow[] = [];
  for (const operation of candidates) {
    if (readable.length === 10) break;
    if (await mayRead(db, viewer, operation)) readable.push(operation);
  }
  const counts = await countItems(
    db,
    readable.map((o) => o.id),
  );
  return readable.map((operation) => summary(viewer, operation, counts.get(operation.id)!));
}

/**
 * Stops an operation: the items not yet done are marked cancelled (one being done right now
 * finishes first); what was done stays done. Its starter, or an admin who may see it, may cancel.
 */
export async function cancelBulkOperation(
  db: Database,
  viewer: Actor,
  context: AuditContext,
  operationId: string,
): Promise<void> {
  // First the stop itself, committed: a chunk being done sees it before its next item.
  await db.transaction(async (tx) => {
    const operation = await findReadable(tx, viewer, operationId);
    const [cancelled] = await tx
      .update(bulkOperations)
      .set({ cancelledAt: new Date(), cancelledBy: viewer.userId })
      .where(
        and(eq(bulkOperations.id, operation.id), isNull(bulkOperations.finishedAt), isNull(bulkOperations.cancelledAt)),
      )
      .returning({ id: bulkOperations.id });
    if (!cancelled) throw new DomainError("CONFLICT", "This bulk action has already finished or been stopped.");
    await recordAudit(tx, context, {
      action: "bulk.cancelled",
      targetType: "bulk_operation",
      targetId: operation.id,
      after: { kind: operation.kind },
    });
  });
  // Then what no chunk has done: this waits for a chunk in progress to commit, and leaves its items.
  await db
    .update(bulkOperationItems)
    .set({ status: "cancelled", doneAt: new Date() })
    .where(and(eq(bulkOperationItems.operationId, operationId), eq(bulkOperationItems.status, "pending")));
  await finishIfDone(db, operationId);
}
