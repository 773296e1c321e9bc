import { alias } from "drizzle-orm/pg-core";
import { and, asc, eq, isNull } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { nodes, openFacilities } from "../db/schema";
import { DomainError } from "../domain-error";

/**
 * Whether an address may register itself at a facility: every address when the facility lists no
 * domains, otherwise one at a listed domain or a subdomain of it (staff.hospital.example counts
 * for hospital.example).
 */
export function emailDomainAllowed(allowedDomains: readonly string[], email: string): boolean {
  if (allowedDomains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return allowedDomains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}

const groups = alias(nodes, "default_group");

/** The facilities open to self-registration, with their default group, for the Settings page. */
export async function listOpenFacilities(db: DbOrTx) {
  return db
    .select({
      customerId: openFacilities.customerId,
      customerName: nodes.name,
      customerArchived: nodes.archivedAt,
      defaultGroupId: openFacilities.defaultGroupId,
      defaultGroupName: groups.name,
      defaultGroupArchived: groups.archivedAt,
      allowedDomains: openFacilities.allowedDomains,
      openedAt: openFacilities.openedAt,
    })
    .from(openFacilities)
    .innerJoin(nodes, eq(nodes.id, openFacilities.customerId))
    .innerJoin(groups, eq(groups.id, openFacilities.defaultGroupId))
    .orderBy(asc(nodes.name));
}

/**
 * What the public form offers to search: the open facilities that can take someone now (the
 * customer and its default group both live; with auto-approve on), and no other. The maker's
 * customer list is its own business: a person at any other hospital types its name. Domains are
 * not shown: a request from another domain is still taken, for review.
 */
export async function requestFormFacilities(
  db: DbOrTx,
  settings: { autoApproveEnabled: boolean },
): Promise<{ id: string; name: string }[]> {
  if (!settings.autoApproveEnabled) return [];
  return db
    .select({ id: nodes.id, name: nodes.name })
    .from(openFacilities)
    .innerJoin(nodes, eq(nodes.id, openFacilities.customerId))
    .innerJoin(groups, eq(groups.id, openFacilities.defaultGroupId))
    .where(and(isNull(nodes.archivedAt), isNull(groups.archivedAt)))
    .orderBy(asc(nodes.name));
}

/** One open facility that can take someone now, or null. */
export async function liveOpenFacility(db: DbOrTx, customerId: string) {
  const [row] = await db
    .select({
      customerId: openFacilities.customerId,
      name: nodes.name,
      defaultGroupId: openFacilities.defaultGroupId,
      allowedDomains: openFacilities.allowedDomains,
    })
    .from(openFacilities)
    .innerJoin(nodes, eq(nodes.id, openFacilities.customerId))
    .innerJoin(groups, eq(groups.id, openFacilities.defaultGroupId))
    .where(and(eq(openFacilities.customerId, customerId), isNull(nodes.archivedAt), isNull(groups.archivedAt)));
  return row ?? null;
}

/** Opens a customer to self-registration, or changes its default group and domains. */
export async function openFacility(
  db: Database,
  context: AuditContext,
  input: { customerId: string; defaultGroupId: string; allowedDomains: readonly string[] },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ kind: nodes.kind, name: nodes.name, archivedAt: nodes.archivedAt })
      .from(nodes)
      .where(eq(nodes.id, input.customerId));
    if (customer?.kind !== "customer")
      throw new DomainError("BAD_REQUEST", "Choose a customer to open to self-registration.");
    if (customer.archivedAt) throw new DomainError("BAD_REQUEST", `"${customer.name}" is archived: restore it first.`);
    const [group] = await tx
      .select({ kind: nodes.kind, parentId: nodes.parentId, name: nodes.name, archivedAt: nodes.archivedAt })
      .from(nodes)
      .where(eq(nodes.id, input.defaultGroupId));
    if (group?.kind !== "group" || group.parentId !== input.customerId)
      throw new DomainError("BAD_REQUEST", `Choose one of the user groups of "${customer.name}".`);
    if (group.archivedAt) throw new DomainError("BAD_REQUEST", `"${group.name}" is archived: choose another group.`);
    const allowedDomains = [...new Set(input.allowedDomains)];
    const [before] = await tx
      .select()
      .from(openFacilities)
      .where(eq(openFacilities.customerId, input.customerId))
      .for("update");
    await tx
      .insert(openFacilities)
      .values({
        customerId: input.customerId,
        defaultGroupId: input.defaultGroupId,
        allowedDomains,
        openedBy: context.actorId,
      })
      .onConflictDoUpdate({
        target: openFacilities.customerId,
        set: { defaultGroupId: input.defaultGroupId, allowedDomains },
      });
    await recordAudit(tx, context, {
      action: before ? "registration.facility_updated" : "registration.facility_opened",
      targetType: "node",
      targetId: input.customerId,
      before: before ? { defaultGroupId: before.defaultGroupId, allowedDomains: before.allowedDomains } : undefined,
      after: {
        customer: customer.name,
        defaultGroupId: input.defaultGroupId,
        defaultGroup: group.name,
        allowedDomains,
      },
    });
  });
}

/** Closes a facility to self-registration. Its requests stay; new ones go to review. */
export async function closeFacility(db: Database, context: AuditContext, customerId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [removed] = await tx.delete(openFacilities).where(eq(openFacilities.customerId, customerId)).returning();
    if (!removed) return;
    await recordAudit(tx, context, {
      action: "registration.facility_closed",
      targetType: "node",
      targetId: customerId,
      before: { defaultGroupId: removed.defaultGroupId, allowedDomains: removed.allowedDomains },
    });
  });
}
