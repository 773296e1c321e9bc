import { count, notLike } from "drizzle-orm";
import type { Database } from "../db/client";
import {
  auditLog,
  memberships,
  nodes,
  permissionGroupMembers,
  roleAssignments,
  settings,
  userScopes,
  users,
} from "../db/schema";
import type { DemoInstallation } from "../demo/seed-demo";
import { insertUser } from "../users/create-user";

export type MatrixActor = "owner" | "market" | "customer" | "group" | "product";
export type DemoGroup = keyof DemoInstallation["nodes"];

/** For each role of the demo: a group whose members are inside the actor's scope, and one outside it. */
export const reach: Record<MatrixActor, { inside: DemoGroup | null; outside: DemoGroup | null }> = {
  owner: { inside: "endoscopy", outside: null },
  market: { inside: "orTechs", outside: "clinicSurgeons" },
  customer: { inside: "orTechs", outside: "endoscopy" },
  group: { inside: "cardiology", outside: "orTechs" },
  product: { inside: null, outside: "cardiology" },
};
export const matrixActors = Object.keys(reach) as MatrixActor[];

let counter = 0;

/** Helpers of the isolation matrices: fresh targets, and a picture of everything a refusal must leave untouched. */
export function isolationFixtures(db: Database, demo: () => DemoInstallation) {
  async function freshUserIn(group: DemoGroup, extraGroups: DemoGroup[] = []) {
    counter += 1;
    const user = await insertUser(db, {
      email: `matrix${counter}-${process.pid}@hospital.example`,
      firstName: "Matrix",
      lastName: `User ${counter}`,
      memberOf: [demo().nodes[group], ...extraGroups.map((g) => demo().nodes[g])],
    });
    return { id: user.id, email: user.email };
  }

  async function snapshot() {
    const [everyone, tree, placed, roles, permissionMembers, scopes, audits, account] = await Promise.all([
      db.select().from(users).orderBy(users.id),
      db.select().from(nodes).orderBy(nodes.id),
      db.select().from(memberships).orderBy(memberships.userId, memberships.nodeId),
      db.select().from(roleAssignments).orderBy(roleAssignments.id),
      db
        .select()
        .from(permissionGroupMembers)
        .orderBy(permissionGroupMembers.userId, permissionGroupMembers.permissionGroupId),
      db.select({ n: count() }).from(userScopes),
      // Starting a bulk action is recorded even when each of its items is then refused.
      db.select({ n: count() }).from(auditLog).where(notLike(auditLog.action, "bulk.%")),
      db.select().from(settings),
    ]);
    return { everyone, tree, placed, roles, permissionMembers, scopes: scopes[0]?.n, audits: audits[0]?.n, account };
  }

  return { freshUserIn, snapshot };
}
