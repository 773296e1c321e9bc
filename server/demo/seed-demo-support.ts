import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { settings } from "../db/schema";
import { createIssueType } from "../support/issue-types";
import { reportIssue } from "../support/issues";
import { setStaffProfile } from "../support/staff";
import { insertUser } from "../users/create-user";
import { hashPassword } from "../auth/password";
import { demoPassword, type DemoInstallation } from "./seed-demo";
import { withHospitalsAway } from "./moved-tree";

/**
 * Support issues in the demo: on, three issue types (device complaints and training questions
 * for Helix Clinical Education, the Nordic distributor's own support), a support specialist, the
 * market admin as staff of the Nordics, and one question from user@helix.example. Runs once, with
 * the demo installation.
 */
export function seedDemoSupport(db: Database, demo: DemoInstallation, appUrl: string): Promise<void> {
  return withHospitalsAway(db, demo, () => seedSupportRows(db, demo, appUrl));
}

async function seedSupportRows(db: Database, demo: DemoInstallation, appUrl: string): Promise<void> {
  const system = { actorId: null, ip: null };
  await db.update(settings).set({ supportIssuesEnabled: true }).where(eq(settings.id, true));
  const unit = demo.nodes.internal;
  await createIssueType(db, system, {
    name: "Device complaint",
    description: "A device did not work as it should, or someone could have been harmed.",
    deviceComplaint: true,
    defaultUnitId: unit,
    attachmentsAllowed: true,
  });
  const question = await createIssueType(db, system, {
    name: "Question about training",
    description: "Something in a course, a document or a session is unclear or missing.",
    deviceComplaint: false,
    defaultUnitId: unit,
    attachmentsAllowed: false,
  });
  await createIssueType(db, system, {
    name: "Nordic distributor support",
    description: "Orders, deliveries and service visits in Norway, Sweden, Denmark and Finland.",
    deviceComplaint: false,
    defaultUnitId: demo.nodes.nordics,
    attachmentsAllowed: false,
  });
  const specialist = await insertUser(db, {
    email: "support@helix.example",
    firstName: "Sofia",
    lastName: "Lind",
    position: "Support specialist",
    memberOf: [demo.nodes.trainers],
    passwordHash: await hashPassword(demoPassword),
    status: "active",
  });
  await setStaffProfile(db, system, specialist.id, { unitIds: [unit], typeIds: [], accounts: [] });
  await setStaffProfile(db, system, demo.users.market, { unitIds: [demo.nodes.nordics], typeIds: [], accounts: [] });
  await reportIssue(db, { actorId: demo.users.product, ip: null, appUrl }, demo.users.product, {
    typeId: question.id,
    itemId: null,
    title: "Where is the cleaning guide for the P1 pump?",
    description: "The course mentions a cleaning guide, but I cannot find it in my training.",
    severity: "low",
    device: null,
  });
}
