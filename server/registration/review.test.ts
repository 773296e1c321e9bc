import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, memberships, openFacilities, registrationRequests, settings, users } from "../db/schema";
import { seedDemo, type DemoInstallation } from "../demo/seed-demo";
import { completeBulk, requestKey } from "../testing/bulk-jobs";
import { callerFor } from "../testing/callers";
import { isolationFixtures } from "../testing/isolation";
import { createTestDatabase } from "../testing/test-database";
import { autoApproveRequest } from "./auto-approve";
import { registrationRequestInput, submitRegistrationRequest } from "./submit-request";

const { db } = await createTestDatabase();
let demo: DemoInstallation;
beforeAll(async () => {
  demo = (await seedDemo(db))!;
  await db.update(settings).set({ registrationRequestsEnabled: true }).where(eq(settings.id, true));
});
const { snapshot } = isolationFixtures(db, () => demo);
/** A decision started, done by the workers, and its outcome per request. */
async function decide(started: Promise<{ operationId: string }>) {
  const { outcomes } = await completeBulk(db, started);
  return { outcomes: outcomes.map((o) => ({ requestId: o.targetId!, ok: o.ok, message: o.message })) };
}
const links = { appUrl: "https://academy.example", secret: "test-secret-of-at-least-32-characters!!" };

let ip = 0;
const nextIp = () => `198.51.100.${++ip}`;
/** A request as the public form sends it: typed facility, or one picked from the open facilities. */
async function submit(email: string, facility: { id: string } | { name: string }) {
  const input = registrationRequestInput.parse({
    firstName: "Nina",
    lastName: `Newcomer ${email.split("@")[0]}`,
    email,
    ...("id" in facility ? { facilityId: facility.id } : { facilityName: facility.name, country: "Norway" }),
  });
  return submitRegistrationRequest(db, input, { ip: nextIp(), appUrl: links.appUrl });
}
const requestOf = async (email: string) =>
  (await db.select().from(registrationRequests).where(eq(registrationRequests.email, email)))[0];
const emailsTo = (address: string, kind: string) =>
  db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, address), eq(emailOutbox.kind, kind)));
const jobsFor = async (requestId: string) =>
  Number(
    (
      await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pgboss.job where name = 'auto-approve-registration' and data->>'requestId' = ${requestId}`,
      )
    )[0]?.n,
  );
const groupsOf = async (userId: string) =>
  (await db.select({ nodeId: memberships.nodeId }).from(memberships).where(eq(memberships.userId, userId))).map(
    (m) => m.nodeId,
  );

describe("auto-approve: open facilities", () => {
  it("isolation matrix: only an owner admin opens or closes a facility, with one of its own groups and well-formed domains", async () => {
    for (const who of ["market", "customer", "group", "product"] as const) {
      const before = await snapshot();
      await expect(
        callerFor(db, demo.users[who]).registration.closeFacility({ customerId: demo.nodes.stOlav }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      expect(await snapshot()).toEqual(before);
      await expect(
        callerFor(db, demo.users[who]).registration.openFacility({
          customerId: demo.nodes.stOlav,
          defaultGroupId: demo.nodes.cardiology,
          allowedDomains: [],
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(callerFor(db, demo.users[who]).registration.openFacilities()).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    const owner = callerFor(db, demo.users.owner);
    await expect(
      owner.registration.openFacility({
        customerId: demo.nodes.stOlav,
        defaultGroupId: demo.nodes.endoscopy,
        allowedDomains: [],
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'Choose one of the user groups of "St Olav University Hospital".',
    });
    await expect(
      owner.registration.openFacility({
        customerId: demo.nodes.stOlav,
        defaultGroupId: demo.nodes.cardiology,
        allowedDomains: ["not a domain"],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.select().from(openFacilities)).toEqual([]);

    await owner.registration.openFacility({
      customerId: demo.nodes.stOlav,
      defaultGroupId: demo.nodes.cardiology,
      allowedDomains: ["@StOlav.example", "stolav.example"],
    });
    await owner.registration.openFacility({
      customerId: demo.nodes.royalDevon,
      defaultGroupId: demo.nodes.endoscopy,
      allowedDomains: [],
    });
    expect(await owner.registration.openFacilities()).toMatchObject([
      { customerName: "Royal Devon Clinic", defaultGroupName: "Endoscopy unit", allowedDomains: [] },
      {
        customerName: "St Olav University Hospital",
        defaultGroupName: "Cardiology nurses",
        allowedDomains: ["stolav.example"],
      },
    ]);
  });

  it("with auto-approve off, a picked facility is refused as unavailable and nothing is stored", async () => {
    expect(await submit("early@stolav.example", { id: demo.nodes.stOlav })).toBe("facility_unavailable");
    expect(await requestOf("early@stolav.example")).toBeUndefined();
    await db.update(settings).set({ autoApproveEnabled: true }).where(eq(settings.id, true));
  });

  it("isolation matrix of the public form: a facility that is not open to self-registration is unavailable, through the API as through the form; nothing is stored", async () => {
    const before = await snapshot();
    const anyone = callerFor(db, null);
    for (const facilityId of [demo.nodes.clinic, demo.nodes.cardiology, crypto.randomUUID()]) {
      expect(
        await anyone.registration.submitRequest({
          firstName: "Ana",
          lastName: "Outside",
          email: "ana@clinic.example",
          facilityId,
        }),
      ).toBe("facility_unavailable");
    }
    expect(await requestOf("ana@clinic.example")).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });

  it("a qualifying request is stored with its job; the job creates one product user in the default group and sends one invitation, however often it runs", async () => {
    expect(await submit("nora@ward.stolav.example", { id: demo.nodes.stOlav })).toBe("approving");
    const request = (await requestOf("nora@ward.stolav.example"))!;
    expect(request).toMatchObject({
      status: "pending",
      facilityId: demo.nodes.stOlav,
      facilityName: "St Olav University Hospital",
      reviewReason: null,
    });
    expect(await jobsFor(request.id)).toBe(1);

    const outcomes = await Promise.all([
      autoApproveRequest(db, links, request.id),
      autoApproveRequest(db, links, request.id),
    ]);
    expect(outcomes.sort()).toEqual(["accepted", "already_decided"]);
    expect(await autoApproveRequest(db, links, request.id)).toBe("already_decided");

    const created = await db.select().from(users).where(eq(users.email, "nora@ward.stolav.example"));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ primaryRole: "product_user", status: "not_invited" });
    expect(await groupsOf(created[0]!.id)).toEqual([demo.nodes.cardiology]);
    expect(await emailsTo("nora@ward.stolav.example", "invitation")).toHaveLength(1);
    expect(await requestOf("nora@ward.stolav.example")).toMatchObject({
      status: "accepted",
      decidedAutomatically: true,
      decidedBy: null,
      userId: created[0]!.id,
    });
  });

  it("a request from a domain the facility does not allow waits for review, with the reason, and no job", async () => {
    expect(await submit("nora@gmail.example", { id: demo.nodes.stOlav })).toBe("received");
    const request = (await requestOf("nora@gmail.example"))!;
    expect(request.status).toBe("pending");
    expect(request.reviewReason).toContain("not at one of the domains allowed");
    expect(await jobsFor(request.id)).toBe(0);
  });

  it("an existing account gets the same answer and a sign-in email; nothing is stored", async () => {
    expect(await submit("tom.hughes@royaldevon.example", { id: demo.nodes.royalDevon })).toBe("approving");
    expect(await requestOf("tom.hughes@royaldevon.example")).toBeUndefined();
    expect(await emailsTo("tom.hughes@royaldevon.example", "existing_account")).toHaveLength(1);
  });

  it("a job that cannot finish (the seat limit is reached) leaves the request for review with the reason, and creates nothing", async () => {
    expect(await submit("late@royaldevon.example", { id: demo.nodes.royalDevon })).toBe("approving");
    const request = (await requestOf("late@royaldevon.example"))!;
    const [{ n }] = (await db.execute<{ n: number }>(
      sql`select count(*)::int as n from users where suspended_at is null`,
    )) as unknown as [{ n: number }];
    await db.update(settings).set({ seatLimit: n }).where(eq(settings.id, true));
    try {
      expect(await autoApproveRequest(db, links, request.id)).toBe("sent_to_review");
    } finally {
      await db.update(settings).set({ seatLimit: null }).where(eq(settings.id, true));
    }
    expect(await requestOf("late@royaldevon.example")).toMatchObject({
      status: "pending",
      reviewReason: expect.stringContaining("seat limit"),
    });
    expect(await db.select().from(users).where(eq(users.email, "late@royaldevon.example"))).toEqual([]);
    expect(await emailsTo("late@royaldevon.example", "invitation")).toEqual([]);
  });

  it("a typed name that is exactly one customer's routes the request there; an unknown name goes to the owner", async () => {
    expect(await submit("typed@hospital.example", { name: "  st olav university hospital " })).toBe("received");
    expect((await requestOf("typed@hospital.example"))?.facilityId).toBe(demo.nodes.stOlav);
    expect(await submit("unknown@hospital.example", { name: "Haukeland University Hospital" })).toBe("received");
    expect((await requestOf("unknown@hospital.example"))?.facilityId).toBeNull();
  });

  it("the public form lists the open facilities and nothing else of the maker's customers; any other is typed, and a picked id that is not open is refused", async () => {
    const anyone = callerFor(db, null);
    // Royal Devon and St Olav were opened above; Hospital Clínic, a customer too, is not listed.
    const listed = (await anyone.registration.requestForm()).facilities;
    expect(listed).toEqual([
      { id: demo.nodes.royalDevon, name: "Royal Devon Clinic" },
      { id: demo.nodes.stOlav, name: "St Olav University Hospital" },
    ]);
    expect(JSON.stringify(listed)).not.toContain("Clínic");
    // A customer, a group, a market, an unknown id: not on the list, so unavailable, and nothing is stored.
    const before = await snapshot();
    for (const facilityId of [demo.nodes.clinic, demo.nodes.cardiology, demo.nodes.nordics, crypto.randomUUID()])
      expect(await submit("not.listed@clinic.example", { id: facilityId })).toBe("facility_unavailable");
    expect(await requestOf("not.listed@clinic.example")).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });
});

describe("review: Accounts › Users › Registration requests", () => {
  it("each admin sees the requests for facilities in their scope; group admins and product users none", async () => {
    await submit("clinic.nurse@clinic.example", { name: "Hospital Clínic Barcelona" });
    const emailsSeenBy = async (who: "owner" | "market" | "customer") =>
      (await callerFor(db, demo.users[who]).registration.list({ status: "pending" })).rows.map((r) => r.email).sort();
    expect(await emailsSeenBy("owner")).toEqual([
      "clinic.nurse@clinic.example",
      "late@royaldevon.example",
      "nora@gmail.example",
      "typed@hospital.example",
      "unknown@hospital.example",
    ]);
    expect(await emailsSeenBy("market")).toEqual(["nora@gmail.example", "typed@hospital.example"]);
    expect(await emailsSeenBy("customer")).toEqual(["nora@gmail.example", "typed@hospital.example"]);
    expect(await callerFor(db, demo.users.customer).registration.counts()).toEqual({
      pending: 2,
      accepted: 1,
      rejected: 0,
    });
    for (const who of ["group", "product"] as const) {
      await expect(callerFor(db, demo.users[who]).registration.list({ status: "pending" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(callerFor(db, demo.users[who]).registration.pendingIds()).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    const list = await callerFor(db, demo.users.customer).registration.list({ status: "pending" });
    expect(list.rows.find((r) => r.email === "typed@hospital.example")).toMatchObject({
      facility: { path: ["Nordics", "St Olav University Hospital"] },
      suggestedGroup: { name: "Cardiology nurses" },
    });
  });

  it("isolation matrix: outside their scope, an admin can neither accept nor reject; the request is not found and nothing changes", async () => {
    const clinicRequest = (await requestOf("clinic.nurse@clinic.example"))!;
    const ownersRequest = (await requestOf("unknown@hospital.example"))!;
    for (const who of ["market", "customer"] as const) {
      const caller = callerFor(db, demo.users[who]);
      const before = await snapshot();
      for (const id of [clinicRequest.id, ownersRequest.id]) {
        expect(
          await decide(caller.registration.accept({ requestKey: requestKey(), requestIds: [id], groupId: null })),
        ).toEqual({
          outcomes: [{ requestId: id, ok: false, message: "No such registration request in your scope." }],
        });
        expect(
          await decide(
            caller.registration.reject({ requestKey: requestKey(), requestIds: [id], reason: "no", notify: true }),
          ),
        ).toEqual({
          outcomes: [{ requestId: id, ok: false, message: "No such registration request in your scope." }],
        });
      }
      // A group outside their scope is not theirs to fill, whatever the request.
      const typed = (await requestOf("typed@hospital.example"))!;
      await expect(
        caller.registration.accept({
          requestKey: requestKey(),
          requestIds: [typed.id],
          groupId: demo.nodes.clinicSurgeons,
        }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await snapshot()).toEqual(before);
    }
    for (const who of ["group", "product"] as const) {
      await expect(
        callerFor(db, demo.users[who]).registration.accept({
          requestKey: requestKey(),
          requestIds: [clinicRequest.id],
          groupId: null,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        callerFor(db, demo.users[who]).registration.reject({
          requestKey: requestKey(),
          requestIds: [clinicRequest.id],
          reason: "",
          notify: false,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await requestOf("clinic.nurse@clinic.example")).toMatchObject({ status: "pending", decidedAt: null });
    expect(await requestOf("unknown@hospital.example")).toMatchObject({ status: "pending", decidedAt: null });
    expect(await emailsTo("clinic.nurse@clinic.example", "registration_rejected")).toEqual([]);
  });

  it("a customer admin accepts into the suggested group: a product user, an invitation, who and when recorded; a second decision is refused", async () => {
    const customer = callerFor(db, demo.users.customer);
    const typed = (await requestOf("typed@hospital.example"))!;
    expect(
      await decide(customer.registration.accept({ requestKey: requestKey(), requestIds: [typed.id], groupId: null })),
    ).toEqual({
      outcomes: [{ requestId: typed.id, ok: true, message: null }],
    });
    const [created] = await db.select().from(users).where(eq(users.email, "typed@hospital.example"));
    expect(created).toMatchObject({ primaryRole: "product_user", firstName: "Nina" });
    expect(await groupsOf(created!.id)).toEqual([demo.nodes.cardiology]);
    expect(await emailsTo("typed@hospital.example", "invitation")).toHaveLength(1);
    const accepted = await customer.registration.list({ status: "accepted" });
    expect(accepted.rows.find((r) => r.id === typed.id)).toMatchObject({
      decidedByName: "Camilla Haugen",
      decidedAutomatically: false,
      userId: created!.id,
    });

    expect(
      await decide(
        callerFor(db, demo.users.market).registration.reject({
          requestKey: requestKey(),
          requestIds: [typed.id],
          reason: "",
          notify: true,
        }),
      ),
    ).toEqual({
      outcomes: [{ requestId: typed.id, ok: false, message: "This request was already accepted." }],
    });
    expect(await emailsTo("typed@hospital.example", "registration_rejected")).toEqual([]);
  });

  it("the owner accepts a request routed nowhere into a group they choose, linking the address's user who was never invited", async () => {
    await submit("walk.in@hospital.example", { name: "Somewhere General" });
    const request = (await requestOf("walk.in@hospital.example"))!;
    // Created after the request came in, by an import say: the acceptance links them instead of failing.
    const owner = callerFor(db, demo.users.owner);
    const { userId } = await owner.users.create({
      email: "walk.in@hospital.example",
      firstName: "Walk",
      lastName: "In",
      phone: null,
      position: null,
      groupIds: [demo.nodes.orTechs],
      // Never invited: the acceptance sends the first invitation.
      inviteNow: false,
    });
    expect(
      await decide(
        owner.registration.accept({
          requestKey: requestKey(),
          requestIds: [request.id],
          groupId: demo.nodes.endoscopy,
        }),
      ),
    ).toMatchObject({
      outcomes: [{ ok: true }],
    });
    expect((await groupsOf(userId)).sort()).toEqual([demo.nodes.orTechs, demo.nodes.endoscopy].sort());
    expect(await emailsTo("walk.in@hospital.example", "invitation")).toHaveLength(1);
    expect(await requestOf("walk.in@hospital.example")).toMatchObject({
      status: "accepted",
      userId,
      facilityId: demo.nodes.royalDevon,
    });
  });

  it("requests of one address decided at once, by the bulk action and the auto-approve job: one acceptance, one user, one invitation, no deadlock", async () => {
    const addresses = Array.from({ length: 6 }, (_, i) => `twice${i}@ward.stolav.example`);
    // Per address, a typed request waits; a second one, for the open facility, qualifies and gets its job.
    for (const email of addresses) {
      expect(await submit(email, { name: "St Olav University Hospital" })).toBe("received");
      expect(await submit(email, { id: demo.nodes.stOlav })).toBe("approving");
    }
    const requests = await db
      .select()
      .from(registrationRequests)
      .where(inArray(registrationRequests.email, addresses))
      .orderBy(asc(registrationRequests.email));
    expect(requests).toHaveLength(12);
    const qualifying = requests.filter((r) => r.country === null);

    const owner = callerFor(db, demo.users.owner);
    const of = (emails: string[]) => requests.filter((r) => emails.includes(r.email));
    // Both requests of an address side by side in the selection: the bulk action's lanes take them at once.
    const first = await decide(
      owner.registration.accept({
        requestKey: requestKey(),
        requestIds: of(addresses.slice(0, 3)).map((r) => r.id),
        groupId: demo.nodes.orTechs,
      }),
    );
    const late = await Promise.all(
      of(addresses.slice(0, 3))
        .filter((r) => r.country === null)
        .map((r) => autoApproveRequest(db, links, r.id)),
    );
    expect(late).toEqual(["already_decided", "already_decided", "already_decided"]);
    // Then the bulk action and the jobs, at the same time.
    const [second, ...jobs] = await Promise.all([
      decide(
        owner.registration.accept({
          requestKey: requestKey(),
          requestIds: of(addresses.slice(3)).map((r) => r.id),
          groupId: demo.nodes.orTechs,
        }),
      ),
      ...qualifying.slice(3).map((r) => autoApproveRequest(db, links, r.id)),
    ]);
    const bulk = { outcomes: [...first.outcomes, ...second.outcomes] };
    for (const email of addresses) {
      const ids = new Set(requests.filter((r) => r.email === email).map((r) => r.id));
      const byBulk = bulk.outcomes.filter((o) => ids.has(o.requestId));
      const byJob = jobs.filter((outcome, i) => ids.has(qualifying[i + 3]!.id) && outcome === "accepted").length;
      expect(byBulk.filter((o) => o.ok).length + byJob).toBe(1);
      for (const refused of byBulk.filter((o) => !o.ok))
        expect(refused.message).toBe("This request was already accepted.");
      expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
      expect(await emailsTo(email, "invitation")).toHaveLength(1);
    }
    expect(
      new Set(
        (await db.select().from(registrationRequests).where(inArray(registrationRequests.email, addresses))).map(
          (r) => r.status,
        ),
      ),
    ).toEqual(new Set(["accepted"]));
  });

  it("a request without a default group needs a group; one whose address is an account in use is refused with what to do", async () => {
    const owner = callerFor(db, demo.users.owner);
    const clinicRequest = (await requestOf("clinic.nurse@clinic.example"))!;
    // Hospital Clínic has one group, so it is suggested; the owner's unknown-name request has none.
    const unknown = (await requestOf("unknown@hospital.example"))!;
    expect(
      (await decide(owner.registration.accept({ requestKey: requestKey(), requestIds: [unknown.id], groupId: null })))
        .outcomes[0],
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining("choose the group"),
    });
    await db.update(users).set({ email: "clinic.nurse@clinic.example" }).where(eq(users.id, demo.users.clinicUser));
    try {
      expect(
        (
          await decide(
            owner.registration.accept({ requestKey: requestKey(), requestIds: [clinicRequest.id], groupId: null }),
          )
        ).outcomes[0],
      ).toMatchObject({ ok: false, message: expect.stringContaining("already has an account in use") });
    } finally {
      await db.update(users).set({ email: "laura.garcia@clinic.example" }).where(eq(users.id, demo.users.clinicUser));
    }
    expect(await requestOf("clinic.nurse@clinic.example")).toMatchObject({ status: "pending" });
  });

  it("rejecting records the reason and, when asked, emails it; without the email nobody is told", async () => {
    const owner = callerFor(db, demo.users.owner);
    const clinicRequest = (await requestOf("clinic.nurse@clinic.example"))!;
    const gmail = (await requestOf("nora@gmail.example"))!;
    const result = await decide(
      owner.registration.reject({
        requestKey: requestKey(),
        requestIds: [clinicRequest.id],
        reason: "Please ask your head nurse to add you.",
        notify: true,
      }),
    );
    expect(result.outcomes[0]?.ok).toBe(true);
    const [mail] = await emailsTo("clinic.nurse@clinic.example", "registration_rejected");
    expect(mail?.text).toContain("Please ask your head nurse to add you.");
    await decide(
      owner.registration.reject({ requestKey: requestKey(), requestIds: [gmail.id], reason: "   ", notify: false }),
    );
    expect(await emailsTo("nora@gmail.example", "registration_rejected")).toEqual([]);
    const rejected = await owner.registration.list({ status: "rejected" });
    expect(rejected.rows.map((r) => [r.email, r.rejectionReason, r.decidedByName])).toEqual(
      expect.arrayContaining([
        ["clinic.nurse@clinic.example", "Please ask your head nurse to add you.", "Olivia Owens"],
        ["nora@gmail.example", null, "Olivia Owens"],
      ]),
    );
  });

  it("bad input is refused with a sentence and changes nothing", async () => {
    const owner = callerFor(db, demo.users.owner);
    const before = await snapshot();
    const unknown = (await requestOf("unknown@hospital.example"))!;
    await expect(
      owner.registration.accept({ requestKey: requestKey(), requestIds: [], groupId: null }),
    ).rejects.toThrow("Select at least one request.");
    await expect(
      owner.registration.accept({ requestKey: requestKey(), requestIds: [unknown.id, unknown.id], groupId: null }),
    ).rejects.toThrow("A request is listed twice.");
    await expect(
      owner.registration.accept({
        requestKey: requestKey(),
        requestIds: Array.from({ length: 5_001 }, () => crypto.randomUUID()),
        groupId: null,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      owner.registration.reject({
        requestKey: requestKey(),
        requestIds: [unknown.id],
        reason: "x".repeat(1001),
        notify: true,
      }),
    ).rejects.toThrow("Keep the reason under 1,000 characters.");
    await expect(
      owner.registration.accept({ requestKey: requestKey(), requestIds: [unknown.id], groupId: demo.nodes.royalDevon }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot()).toEqual(before);
    expect(await requestOf("unknown@hospital.example")).toMatchObject({ status: "pending" });
  });
});
