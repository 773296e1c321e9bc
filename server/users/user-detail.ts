import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { memberships, nodes, permissionGroupMembers, permissionGroups, roleAssignments } from "../db/schema";
import { pathNames } from "../organisation/path-names";
import {
  administeredGrants,
  can,
  grantableRoles,
  refusalSentence,
  type Actor,
  type Decision,
  type UserTarget,
} from "../scope";
import { getUserRecord } from "./get-user";

/**
 * Everything of the user record an admin sees on the user page, and why the admin may see it:
 * the grant of theirs and the placement of the user's that connect them in the tree.
 */
export async function getUserDetail(
  db: DbOrTx,
  actor: Actor,
  target: UserTarget,
  decision: Decision & { allowed: true },
) {
  // A user is always reached through a grant (no action on a user is open to staff as such).
  const { grant } = decision;
  if (!grant) return null;
  const [record, groups, roles, permissionGroupRows] = await Promise.all([
    getUserRecord(db, target.userId),
    db
      .select({ nodeId: nodes.id, path: nodes.path, kind: nodes.kind })
      .from(memberships)
      .innerJoin(nodes, eq(nodes.id, memberships.nodeId))
      .where(eq(memberships.userId, target.userId)),
    db
      .select({ id: roleAssignments.id, role: roleAssignments.role, nodeId: nodes.id, path: nodes.path })
      .from(roleAssignments)
      .innerJoin(nodes, eq(nodes.id, roleAssignments.nodeId))
      .where(eq(roleAssignments.userId, target.userId)),
    db
      .select({ id: permissionGroups.id, name: permissionGroups.name, permissions: permissionGroups.permissions })
      .from(permissionGroupMembers)
      .innerJoin(permissionGroups, eq(permissionGroups.id, permissionGroupMembers.permissionGroupId))
      .where(eq(permissionGroupMembers.userId, target.userId)),
  ]);
  if (!record) return null;
  // What the admin reads of the person is cut to their own scope: placements elsewhere are counted,
  // never named (another tenant's groups are that tenant's business).
  const grants = administeredGrants(actor);
  const inScope = (path: string) => grants === "all" || grants.some((g) => path.startsWith(g.nodePath));
  const shownGroups = groups.filter((g) => inScope(g.path));
  const shownRoles = roles.filter((r) => inScope(r.path));
  const names = await pathNames(db, [
    ...shownGroups.map((g) => g.path),
    ...shownRoles.map((r) => r.path),
    grant.nodePath,
    ...(decision.placement ? [decision.placement.nodePath] : []),
  ]);
  const named = (path: string) => names.get(path) ?? [];
  return {
    ...record,
    groups: shownGroups.map((g) => ({ nodeId: g.nodeId, kind: g.kind, path: named(g.path) })),
    roles: shownRoles.map((r) => ({ id: r.id, role: r.role, nodeId: r.nodeId, path: named(r.path) })),
    placementsOutsideScope: groups.length - shownGroups.length + (roles.length - shownRoles.length),
    permissionGroups: permissionGroupRows,
    why: {
      role: grant.role,
      at: named(grant.nodePath),
      placement: decision.placement ? { via: decision.placement.via, path: named(decision.placement.nodePath) } : null,
    },
  };
}

/**
 * What the user page offers the actor; each action is still decided by the resolver when it is
 * sent. With why the account's own actions are not offered, in words (null when they are).
 */
export function offersOnUser(actor: Actor, target: UserTarget, settings: { supportIssuesEnabled: boolean }) {
  const account = can(actor, "user.account", target);
  return {
    accountRefusal: account.allowed ? null : refusalSentence(account.reason),
    may: {
      account: account.allowed,
      membership: can(actor, "user.membership", target).allowed,
      grantRoles: grantableRoles(actor),
      // Nobody changes their own permission groups (server/users/placements.ts).
      assignPermissionGroups: can(actor, "permissionGroup.assign", target).allowed && target.userId !== actor.userId,
      exportData: can(actor, "user.exportData", target).allowed,
      // The support profile (handling units, issue types, accounts), while support issues are on.
      supportStaff: settings.supportIssuesEnabled && can(actor, "support.staff", target).allowed,
    },
  };
}
