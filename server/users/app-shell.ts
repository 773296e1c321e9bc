import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { users, type NodeKind } from "../db/schema";
import { unreadNotifications } from "../notifications/inbox";
import { can, grantableRoles, holdsRoleFor, loadActor, roleLabel, type Action, type Actor } from "../scope";
import { getSettings } from "../settings/get-settings";

/**
 * Who the signed-in person is and what the frame of every page may offer them: their name and
 * primary role, the installation's name, the unread notifications, and which areas and controls
 * the scope resolver opens to them. Pages show or hide navigation from `may`; every action is
 * still decided by the resolver when it is sent.
 */
export async function appShellOf(db: DbOrTx, actor: Actor) {
  const may = (action: Action) => can(actor, action).allowed;
  const [[me], settings, unread] = await Promise.all([
    db
      .select({ email: users.email, firstName: users.firstName, lastName: users.lastName, photoPath: users.photoPath })
      .from(users)
      .where(eq(users.id, actor.userId)),
    getSettings(db),
    may("dashboard.open") ? unreadNotifications(db, actor.userId) : Promise.resolve(0),
  ]);
  const name = me ? `${me.firstName} ${me.lastName}`.trim() || me.email : "";
  // Whether any of the actor's roles may give content to this kind of node: asked at the grant's
  // own node (the picker then lists where).
  const giveContentTo = (["market", "internal", "customer", "group"] as const satisfies NodeKind[]).filter((kind) =>
    actor.grants.some(
      (grant) =>
        can(actor, "content.assign", { type: "node", nodeId: grant.nodeId, nodePath: grant.nodePath, kind }).allowed,
    ),
  );
  return {
    id: actor.userId,
    email: me?.email ?? "",
    firstName: me?.firstName ?? "",
    lastName: me?.lastName ?? "",
    name,
    // The avatar: their photo where they uploaded one (the file name versions the URL), else initials.
    photoUrl: me?.photoPath
      ? `/api/users/${actor.userId}/photo?v=${encodeURIComponent(me.photoPath.split("/").pop() ?? "")}`
      : null,
    primaryRole: actor.primaryRole,
    // Under the avatar: the role, or "Support staff" for staff who hold no admin role.
    roleName: actor.primaryRole === "product_user" && actor.staff ? "Support staff" : roleLabel[actor.primaryRole],
    installationName: settings.installationName,
    awaitsTwoFactor: actor.awaitsTwoFactor,
    landing: landingPathOf(actor),
    unreadNotifications: unread,
    may: {
      openDashboard: may("dashboard.open"),
      distributeContent: may("content.distribute"),
      editContent: may("content.manage"),
      approveContent: may("content.approve"),
      publishContent: may("content.publish"),
      giveContentTo,
      giveContentToPeople: holdsRoleFor(actor, "content.assignUser"),
      readReports: may("report.read"),
      readFeedback: may("feedback.read"),
      handleFeedback: may("feedback.handle"),
      reviewRegistrations: may("registration.list"),
      manageSettings: may("settings.manage"),
      managePermissionGroups: may("permissionGroup.manage"),
      importOrganisation: may("organisation.import"),
      verifyAudit: may("audit.verify"),
      grantRoles: grantableRoles(actor),
      // The pages of administration (users, organisation, reports, audit log): admin roles only.
      administer: may("users.list"),
      // Support issues, while the owner has them on: reporting for everyone, the inbox for staff
      // and the admins who read along.
      reportIssues: settings.supportIssuesEnabled,
      handleIssues: settings.supportIssuesEnabled && may("support.inbox"),
      // Community boards, while the owner has them on: for everyone; created and moderated by admins.
      useBoards: settings.communityBoardsEnabled,
      moderateBoards: settings.communityBoardsEnabled && may("board.list"),
    },
  };
}

/**
 * Where a person lands after signing in: administrators on the dashboard, everyone else in the
 * portal; an administrator whom the owner requires to use two-step verification sets it up first.
 */
export function landingPathOf(actor: Actor): string {
  if (actor.awaitsTwoFactor) return "/portal/security";
  if (!can(actor, "dashboard.open").allowed) return "/portal";
  // Support staff without an admin role work in their inbox.
  return can(actor, "users.list").allowed ? "/dashboard/users" : "/dashboard/support";
}

/** Where a person who just signed in lands: "/" if they cannot be loaded (gone since). */
export async function landingPathFor(db: DbOrTx, userId: string): Promise<string> {
  const actor = await loadActor(db, userId);
  return actor ? landingPathOf(actor) : "/";
}

export type AppShell = Awaited<ReturnType<typeof appShellOf>>;
