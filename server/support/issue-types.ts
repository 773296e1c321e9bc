import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { nodes, supportIssues, supportIssueTypes } from "../db/schema";
import { DomainError } from "../domain-error";

export interface IssueTypeInput {
  name: string;
  description: string;
  deviceComplaint: boolean;
  defaultUnitId: string;
  attachmentsAllowed: boolean;
}

/** The issue types, live first, each with its handling unit's name and whether issues use it. */
export async function listIssueTypes(db: DbOrTx, options: { includeArchived: boolean }) {
  return db
    .select({
      id: supportIssueTypes.id,
      name: supportIssueTypes.name,
      description: supportIssueTypes.description,
      deviceComplaint: supportIssueTypes.deviceComplaint,
      defaultUnitId: supportIssueTypes.defaultUnitId,
      unitName: nodes.name,
      unitKind: nodes.kind,
      attachmentsAllowed: supportIssueTypes.attachmentsAllowed,
      archived: sql<boolean>`${supportIssueTypes.archivedAt} is not null`,
      used: sql<boolean>`exists (select 1 from ${supportIssues} where ${supportIssues.typeId} = ${supportIssueTypes.id})`,
    })
    .from(supportIssueTypes)
    .innerJoin(nodes, eq(nodes.id, supportIssueTypes.defaultUnitId))
    .where(options.includeArchived ? undefined : isNull(supportIssueTypes.archivedAt))
    .orderBy(sql`${supportIssueTypes.archivedAt} is not null`, asc(supportIssueTypes.name));
}

/** A handling unit is an internal organisation, or a market for a distributor's own support. */
async function assertHandlingUnit(tx: DbOrTx, unitId: string): Promise<void> {
  const [unit] = await tx
    .select({ kind: nodes.kind, archivedAt: nodes.archivedAt })
    .from(nodes)
    .where(eq(nodes.id, unitId));
  if (!unit || (unit.kind !== "internal" && unit.kind !== "market") || unit.archivedAt)
    throw new DomainError(
      "BAD_REQUEST",
      "Choose an internal organisation or a market, not archived, to handle issues of this type.",
    );
}

export async function createIssueType(db: Database, context: AuditContext, input: IssueTypeInput) {
  return db.transaction(async (tx) => {
    await assertHandlingUnit(tx, input.defaultUnitId);
    const [created] = await tx.insert(supportIssueTypes).values(input).returning();
    if (!created) throw new Error("issue type insert returned no row");
    await recordAudit(tx, context, {
      action: "support.type_created",
      targetType: "support_issue_type",
      targetId: created.id,
      after: input,
    });
    return { id: created.id };
  });
}

export async function updateIssueType(db: Database, context: AuditContext, typeId: string, input: IssueTypeInput) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(supportIssueTypes).where(eq(supportIssueTypes.id, typeId)).for("update");
    if (!before) throw new DomainError("NOT_FOUND", "No such issue type.");
    await assertHandlingUnit(tx, input.defaultUnitId);
    await tx.update(supportIssueTypes).set(input).where(eq(supportIssueTypes.id, typeId));
    await recordAudit(tx, context, {
      action: "support.type_updated",
      targetType: "support_issue_type",
      targetId: typeId,
      before: {
        name: before.name,
        description: before.description,
        deviceComplaint: before.deviceComplaint,
        defaultUnitId: before.defaultUnitId,
        attachmentsAllowed: before.attachmentsAllowed,
      },
      after: input,
    });
  });
}

/**
 * Takes a type out of use. One that issues use is archived (their history keeps naming it); an
 * unused one is deleted. Restoring brings an archived type back.
 */
export async function retireIssueType(
  db: Database,
  context: AuditContext,
  typeId: string,
  action: "retire" | "restore",
): Promise<{ outcome: "archived" | "deleted" | "restored" }> {
  return db.transaction(async (tx) => {
    const [type] = await tx.select().from(supportIssueTypes).where(eq(supportIssueTypes.id, typeId)).for("update");
    if (!type) throw new DomainError("NOT_FOUND", "No such issue type.");
    if (action === "restore") {
      await tx.update(supportIssueTypes).set({ archivedAt: null }).where(eq(supportIssueTypes.id, typeId));
      await recordAudit(tx, context, {
        action: "support.type_restored",
        targetType: "support_issue_type",
        targetId: typeId,
      });
      return { outcome: "restored" as const };
    }
    const [used] = await tx
      .select({ id: supportIssues.id })
      .from(supportIssues)
      .where(eq(supportIssues.typeId, typeId))
      .limit(1);
    if (used) {
      await tx
        .update(supportIssueTypes)
        .set({ archivedAt: new Date() })
        .where(and(eq(supportIssueTypes.id, typeId), isNull(supportIssueTypes.archivedAt)));
      await recordAudit(tx, context, {
        action: "support.type_archived",
        targetType: "support_issue_type",
        targetId: typeId,
      });
      return { outcome: "archived" as const };
    }
    await tx.delete(supportIssueTypes).where(eq(supportIssueTypes.id, typeId));
    await recordAudit(tx, context, {
      action: "support.type_deleted",
      targetType: "support_issue_type",
      targetId: typeId,
      before: { name: type.name },
    });
    return { outcome: "deleted" as const };
  });
}
