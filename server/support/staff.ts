import { and, eq, inArray } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import {
  nodes,
  supportIssueTypes,
  supportStaffAccounts,
  supportStaffTypes,
  supportStaffUnits,
  users,
  type SupportAccountCategory,
} from "../db/schema";
import { DomainError } from "../domain-error";

export interface StaffProfile {
  unitIds: string[];
  typeIds: string[];
  accounts: { nodeId: string; category: SupportAccountCategory }[];
}

/** A person's support profile, with names, for the user page. Empty lists for someone not on staff. */
export async function staffProfileOf(db: DbOrTx, userId: string) {
  const [units, types, accounts] = await Promise.all([
    db
      .select({ id: nodes.id, name: nodes.name, kind: nodes.kind })
      .from(supportStaffUnits)
      .innerJoin(nodes, eq(nodes.id, supportStaffUnits.unitId))
      .where(eq(supportStaffUnits.userId, userId))
      .orderBy(nodes.name),
    db
      .select({ id: supportIssueTypes.id, name: supportIssueTypes.name })
      .from(supportStaffTypes)
      .innerJoin(supportIssueTypes, eq(supportIssueTypes.id, supportStaffTypes.typeId))
      .where(eq(supportStaffTypes.userId, userId))
      .orderBy(supportIssueTypes.name),
    db
      .select({ nodeId: nodes.id, name: nodes.name, category: supportStaffAccounts.category })
      .from(supportStaffAccounts)
      .innerJoin(nodes, eq(nodes.id, supportStaffAccounts.nodeId))
      .where(eq(supportStaffAccounts.userId, userId))
      .orderBy(nodes.name),
  ]);
  return { units, types, accounts };
}

/** Which kind of node each category of assigned account is. */
const accountKind: Record<SupportAccountCategory, "customer" | "market"> = {
  customer: "customer",
  distributor: "market",
  service: "customer",
};

/**
 * Replaces a person's support profile in one transaction: their handling units (none takes them
 * off staff, and their types and accounts with it), the issue types they may handle and the
 * accounts assigned to them. Their issues stay assigned to them either way.
 */
export async function setStaffProfile(
  db: Database,
  context: AuditContext,
  userId: string,
  profile: StaffProfile,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [person] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    if (!person) throw new DomainError("NOT_FOUND", "No such user.");
    const onStaff = profile.unitIds.length > 0;
    const wanted: StaffProfile = onStaff ? profile : { unitIds: [], typeIds: [], accounts: [] };
    if (wanted.unitIds.length) {
      const units = await tx
        .select({ kind: nodes.kind, archivedAt: nodes.archivedAt })
        .from(nodes)
        .where(inArray(nodes.id, wanted.unitIds));
      if (
        units.length !== wanted.unitIds.length ||
        units.some((u) => u.kind === "customer" || u.kind === "group" || u.kind === "owner" || u.archivedAt)
      )
        throw new DomainError("BAD_REQUEST", "Handling units are internal organisations or markets, not archived.");
    }
    if (wanted.typeIds.length) {
      const types = await tx
        .select({ id: supportIssueTypes.id })
        .from(supportIssueTypes)
        .where(inArray(supportIssueTypes.id, wanted.typeIds));
      if (types.length !== wanted.typeIds.length)
        throw new DomainError("BAD_REQUEST", "Choose issue types from the list.");
    }
    for (const account of wanted.accounts) {
      const [node] = await tx
        .select({ kind: nodes.kind })
        .from(nodes)
        .where(and(eq(nodes.id, account.nodeId), eq(nodes.kind, accountKind[account.category])));
      if (!node)
        throw new DomainError(
          "BAD_REQUEST",
          account.category === "distributor"
            ? "A distributor is a market of the organisation."
            : "Customers and services are customers of the organisation.",
        );
    }
    const before = await staffProfileOf(tx, userId);
    await tx.delete(supportStaffUnits).where(eq(supportStaffUnits.userId, userId));
    await tx.delete(supportStaffTypes).where(eq(supportStaffTypes.userId, userId));
    await tx.delete(supportStaffAccounts).where(eq(supportStaffAccounts.userId, userId));
    if (wanted.unitIds.length)
      await tx.insert(supportStaffUnits).values(wanted.unitIds.map((unitId) => ({ userId, unitId })));
    if (wanted.typeIds.length)
      await tx.insert(supportStaffTypes).values(wanted.typeIds.map((typeId) => ({ userId, typeId })));
    if (wanted.accounts.length)
      await tx.insert(supportStaffAccounts).values(wanted.accounts.map((account) => ({ userId, ...account })));
    await recordAudit(tx, context, {
      action: "support.staff_changed",
      targetType: "user",
      targetId: userId,
      before: {
        units: before.units.map((u) => u.name),
        types: before.types.map((t) => t.name),
        accounts: before.accounts.map((a) => `${a.category}: ${a.name}`),
      },
      after: wanted,
    });
  });
}
