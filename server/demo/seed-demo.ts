import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { nodes, permissionGroupMembers, permissionGroups, settings, users } from "../db/schema";
import { demoTreeMoved, moveHospitalsHome } from "./moved-tree";
import { hashPassword } from "../auth/password";
import { insertNode } from "../organisation/nodes";
import { insertUser } from "../users/create-user";

export const demoPassword = "Demo-password-2026";

export const demoLogins = [
  { email: "owner@helix.example", role: "Owner admin" },
  { email: "market@helix.example", role: "Market admin (Nordics)" },
  { email: "customer@helix.example", role: "Customer admin (St Olav University Hospital)" },
  { email: "group@helix.example", role: "Group admin (Cardiology nurses)" },
  { email: "user@helix.example", role: "Product user (Cardiology nurses)" },
  { email: "support@helix.example", role: "Support staff (Helix Clinical Education)" },
] as const;

export interface DemoInstallation {
  nodes: Record<
    | "owner"
    | "internal"
    | "trainers"
    | "nordics"
    | "nordicTeam"
    | "iberia"
    | "stOlav"
    | "cardiology"
    | "orTechs"
    | "clinic"
    | "clinicSurgeons"
    | "royalDevon"
    | "endoscopy",
    string
  >;
  users: Record<
    | "owner"
    | "market"
    | "customer"
    | "group"
    | "product"
    | "clinicUser"
    | "devonUser"
    | "notInvited"
    | "invited"
    | "suspended",
    string
  >;
}

/**
 * Seeds the demo installation: an owner, two markets, three customers (one directly under the
 * owner), groups, one user of each role and a few users in other states. Idempotent: when the
 * owner already exists it changes nothing and returns null.
 */
export async function seedDemo(db: Database): Promise<DemoInstallation | null> {
  const [existing] = await db.select({ id: nodes.id }).from(nodes).where(eq(nodes.kind, "owner"));
  if (existing) return null;
  const passwordHash = await hashPassword(demoPassword);

  const demo = await db.transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({
        installationName: "Helix Academy",
        // The demo logins must work at once: two-step verification for owner admins, on by
        // default in a new installation, is off here, and Settings says so.
        requireTwoFactorForOwnerAdmins: false,
        demoData: true,
        // Shown off in the demo; off in a new installation (Settings explains it).
        showAdminContactsWhenSuspended: true,
        customerFields: [
          { key: "account_number", label: "Account number", type: "text", options: [] },
          { key: "beds", label: "Beds", type: "number", options: [], min: 0, max: 10000, integer: true },
          { key: "contract_renewal", label: "Contract renewal", type: "date", options: [] },
          { key: "tier", label: "Tier", type: "choice", options: ["Gold", "Silver", "Bronze"] },
        ],
      })
      .onConflictDoNothing();
    const node = (
      kind: Parameters<typeof insertNode>[1]["kind"],
      parentId: string | null,
      name: string,
      description = "",
    ) => insertNode(tx, { kind, parentId, name, description }).then((n) => n.id);

    const owner = await node("owner", null, "Helix Medical", "Maker of cardiac and endoscopy devices.");
    const internal = await node("internal", owner, "Helix Clinical Education");
    const trainers = await node("group", internal, "Clinical trainers");
    const nordics = await node("market", owner, "Nordics", "Distributor for Norway, Sweden, Denmark and Finland.");
    const nordicTeam = await node("group", nordics, "Nordic market team");
    const iberia = await node("market", owner, "Iberia", "Distributor for Spain and Portugal.");
    // Created in the other's market when the tree is to be moved (moved-tree.ts), then moved home.
    const away = demoTreeMoved();
    const stOlav = await node("customer", away ? iberia : nordics, "St Olav University Hospital");
    await tx
      .update(nodes)
      .set({ customFields: { account_number: "NO-4471", beds: 950, contract_renewal: "2027-03-01", tier: "Gold" } })
      .where(eq(nodes.id, stOlav));
    const cardiology = await node("group", stOlav, "Cardiology nurses");
    const orTechs = await node("group", stOlav, "OR technicians");
    const clinic = await node("customer", away ? nordics : iberia, "Hospital Clínic Barcelona");
    const clinicSurgeons = await node("group", clinic, "Surgeons");
    const royalDevon = await node("customer", owner, "Royal Devon Clinic", "Managed directly by Helix.");
    const endoscopy = await node("group", royalDevon, "Endoscopy unit");

    const active = { passwordHash, status: "active" as const };
    const user = (input: Parameters<typeof insertUser>[1]) => insertUser(tx, input).then((u) => u.id);
    const ownerUser = await user({
      email: "owner@helix.example",
      firstName: "Olivia",
      lastName: "Owens",
      position: "Head of Education",
      memberOf: [trainers],
      roles: [{ role: "owner_admin", nodeId: owner }],
      ...active,
    });
    const market = await user({
      email: "market@helix.example",
      firstName: "Magnus",
      lastName: "Berg",
      position: "Market manager",
      memberOf: [nordicTeam],
      roles: [{ role: "market_admin", nodeId: nordics }],
      ...active,
    });
    const customer = await user({
      email: "customer@helix.example",
      firstName: "Camilla",
      lastName: "Haugen",
      position: "Clinical educator",
      roles: [{ role: "customer_admin", nodeId: stOlav }],
      ...active,
    });
    const group = await user({
      email: "group@helix.example",
      firstName: "Gustav",
      lastName: "Lien",
      position: "Ward manager",
      memberOf: [cardiology],
      roles: [{ role: "group_admin", nodeId: cardiology }],
      ...active,
    });
    const product = await user({
      email: "user@helix.example",
      firstName: "Ingrid",
      lastName: "Nilsen",
      position: "Cardiac nurse",
      memberOf: [cardiology],
      ...active,
    });
    const clinicUser = await user({
      email: "laura.garcia@clinic.example",
      firstName: "Laura",
      lastName: "García",
      position: "Surgeon",
      memberOf: [clinicSurgeons],
      ...active,
    });
    const devonUser = await user({
      email: "tom.hughes@royaldevon.example",
      firstName: "Tom",
      lastName: "Hughes",
      position: "Endoscopy nurse",
      memberOf: [endoscopy],
      ...active,
    });
    const notInvited = await user({
      email: "ola.nordmann@stolav.example",
      firstName: "Ola",
      lastName: "Nordmann",
      position: "OR technician",
      memberOf: [orTechs],
    });
    const invited = await user({
      email: "kari.dahl@stolav.example",
      firstName: "Kari",
      lastName: "Dahl",
      position: "Cardiac nurse",
      memberOf: [cardiology],
      status: "invited",
    });
    const suspended = await user({
      email: "erik.strand@stolav.example",
      firstName: "Erik",
      lastName: "Strand",
      position: "OR technician",
      memberOf: [orTechs],
      ...active,
    });
    await tx.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, suspended));

    const [publishers] = await tx
      .insert(permissionGroups)
      .values({ name: "Content approvers and publishers", permissions: ["content.approve", "content.publish"] })
      .returning({ id: permissionGroups.id });
    if (publishers)
      await tx.insert(permissionGroupMembers).values({ permissionGroupId: publishers.id, userId: ownerUser });

    return {
      nodes: {
        owner,
        internal,
        trainers,
        nordics,
        nordicTeam,
        iberia,
        stOlav,
        cardiology,
        orTechs,
        clinic,
        clinicSurgeons,
        royalDevon,
        endoscopy,
      },
      users: {
        owner: ownerUser,
        market,
        customer,
        group,
        product,
        clinicUser,
        devonUser,
        notInvited,
        invited,
        suspended,
      },
    };
  });
  if (demoTreeMoved()) await moveHospitalsHome(db, demo);
  return demo;
}
