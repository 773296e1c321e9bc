import { sql, type SQL } from "drizzle-orm";
import { supportIssues } from "../db/schema";
import { administeredGrants, type Actor, type StaffReach } from "../scope";

/**
 * The issues a member of staff reaches, as SQL over support_issues: the same test as the
 * resolver's staffReaches (their units or below, their types, their accounts).
 */
function staffReachSql(staff: StaffReach): SQL {
  const unitPaths = staff.units.map((unit) => `${unit.nodePath}%`);
  const conditions: SQL[] = [
    sql`${supportIssues.unitId} in (select id from nodes where path like any(${sql.param(unitPaths)}::text[]))`,
  ];
  if (staff.typeIds.length) conditions.push(sql`${supportIssues.typeId} = any(${sql.param(staff.typeIds)}::uuid[])`);
  if (staff.accounts.length) {
    const customers = staff.accounts.filter((a) => a.category !== "distributor").map((a) => a.nodeId);
    const markets = staff.accounts.filter((a) => a.category === "distributor").map((a) => a.nodeId);
    // Only the lists that hold something: an empty one would keep the planner off the index of the other.
    const accounts = [
      ...(customers.length ? [sql`${supportIssues.customerId} = any(${sql.param(customers)}::uuid[])`] : []),
      ...(markets.length ? [sql`${supportIssues.marketId} = any(${sql.param(markets)}::uuid[])`] : []),
    ];
    conditions.push(sql`(${sql.join(accounts, sql` or `)})`);
  }
  return sql.join(conditions, sql` and `);
}

/**
 * The issues `actor` may read in the dashboard, as SQL (support.read without the reporter's own):
 * those their staff reach covers, and those reported by people in the part of the tree they
 * administer as customer admin or above. Null: none at all.
 */
export function readableIssues(actor: Actor): SQL | null {
  if (actor.awaitsTwoFactor) return null;
  const parts: SQL[] = [];
  if (actor.staff) parts.push(sql`(${staffReachSql(actor.staff)})`);
  const grants = administeredGrants(actor, "customer_admin");
  if (grants === "all") return sql`true`;
  for (const grant of grants) parts.push(sql`${supportIssues.scopePath} like ${`${grant.nodePath}%`}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : null;
}

/** The issues `actor` may handle (reply, change, close): their staff reach. Null: none. */
export function handledIssues(actor: Actor): SQL | null {
  if (actor.awaitsTwoFactor || !actor.staff) return null;
  return sql`(${staffReachSql(actor.staff)})`;
}

/**
 * The issues whose handling `actor` takes part in, as SQL (support.readInternal): their staff
 * reach, or an admin role of market admin or above over the handling unit. Only these show the
 * internal notes and files, who handles the issue, and the reportability decision and its
 * deadline; the reporter's own organisation reads the rest. Null: none.
 */
export function handlingIssues(actor: Actor): SQL | null {
  if (actor.awaitsTwoFactor) return null;
  const parts: SQL[] = [];
  if (actor.staff) parts.push(sql`(${staffReachSql(actor.staff)})`);
  const grants = administeredGrants(actor, "market_admin");
  if (grants === "all") return sql`true`;
  for (const grant of grants)
    parts.push(sql`${supportIssues.unitId} in (select id from nodes where path like ${`${grant.nodePath}%`})`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : null;
}
