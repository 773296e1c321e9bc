import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database } from "../db/client";
import { nodes, permissionGroupMembers, permissionGroups, settings } from "../db/schema";
import { DomainError } from "../domain-error";
import type { LinkConfig } from "../email/links";
import { inviteUserInTx } from "../invitations/invite";
import { insertNode } from "../organisation/nodes";
import { insertUser } from "../users/create-user";

/**
 * The first day of an installation: its owner organisation and first owner admin. Run once, from
 * the command line or the migrate step (never from a web form: whoever reached an exposed empty
 * installation first would own it).
 */
const name = (what: string) =>
  z
    .string({ error: `Give the ${what}.` })
    .trim()
    .min(1, `Give the ${what}.`)
    .max(200, `Keep the ${what} under 200 characters.`)
    .refine((value) => !value.includes("\u0000"), `The ${what} may not contain the NUL character.`);

export const installationSetupInput = z.object({
  ownerName: name("owner organisation's name"),
  adminEmail: z
    .string({ error: "Give the first owner admin's email address." })
    .trim()
    .toLowerCase()
    .max(320)
    .pipe(z.email({ error: "Give the first owner admin's email address as name@example.com." })),
  adminFirstName: name("first owner admin's first name"),
  adminLastName: name("first owner admin's last name"),
});
export type InstallationSetup = z.infer<typeof installationSetupInput>;

/** The permission group the first owner admin is put in, so content can be approved and published at all. */
export const firstPermissionGroup = {
  name: "Content approvers and publishers",
  description: "Approve and publish versions of content. Created with the installation.",
  permissions: ["content.approve", "content.publish"] as const,
};

export const ALREADY_SET_UP =
  "This installation already has an owner organisation: set-up runs only on an empty installation. Invite further administrators from the dashboard.";

/** Whether the installation has its owner organisation. */
export async function isSetUp(db: Database): Promise<boolean> {
  const [owner] = await db.select({ id: nodes.id }).from(nodes).where(eq(nodes.kind, "owner")).limit(1);
  return owner !== undefined;
}

/**
 * Creates the owner node, the first owner admin and a permission group holding Approve and Publish
 * with them in it, and queues their invitation, all in one transaction with audit entries (the
 * actor is the installation itself). Refuses once an owner exists, however many run at once: an
 * advisory lock orders concurrent runs, and the database allows one owner node.
 */
export async function setUpInstallation(
  db: Database,
  config: LinkConfig,
  input: InstallationSetup,
): Promise<{ ownerId: string; adminId: string; invitationLink: string }> {
  const context: AuditContext = { actorId: null, ip: null };
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('installation-setup'))`);
    const [existing] = await tx.select({ id: nodes.id }).from(nodes).where(eq(nodes.kind, "owner")).limit(1);
    if (existing) throw new DomainError("CONFLICT", ALREADY_SET_UP);

    await tx.insert(settings).values({ installationName: input.ownerName }).onConflictDoNothing();
    const owner = await insertNode(tx, { kind: "owner", parentId: null, name: input.ownerName });
    await recordAudit(tx, context, {
      action: "installation.set_up",
      targetType: "node",
      targetId: owner.id,
      after: { owner: owner.name },
    });

    const admin = await insertUser(tx, {
      email: input.adminEmail,
      firstName: input.adminFirstName,
      lastName: input.adminLastName,
      roles: [{ role: "owner_admin", nodeId: owner.id }],
    });
    await recordAudit(tx, context, {
      action: "user.created",
      targetType: "user",
      targetId: admin.id,
      after: { email: admin.email, primaryRole: admin.primaryRole, roles: [{ role: "owner_admin", node: owner.name }] },
    });

    const [group] = await tx
      .insert(permissionGroups)
      .values({
        name: firstPermissionGroup.name,
        description: firstPermissionGroup.description,
        permissions: [...firstPermissionGroup.permissions],
      })
      .returning();
    await recordAudit(tx, context, {
      action: "permission_group.created",
      targetType: "permission_group",
      targetId: group!.id,
      after: { name: group!.name, permissions: group!.permissions },
    });
    await tx.insert(permissionGroupMembers).values({ permissionGroupId: group!.id, userId: admin.id });
    await recordAudit(tx, context, {
      action: "user.permission_group_added",
      targetType: "user",
      targetId: admin.id,
      after: { permissionGroupId: group!.id, permissionGroup: group!.name, permissions: group!.permissions },
    });

    const { link } = await inviteUserInTx(tx, context, config, { userId: admin.id, kind: "first" });
    return { ownerId: owner.id, adminId: admin.id, invitationLink: link };
  });
}
