/**
 * `npm run bench -- --registration`: the figures of the registration issue, end to end. A fresh
 * database with the demo organisation, registration requests on, Royal Devon Clinic open to
 * self-registration (royaldevon.example); the Resend stand-in limited to 2 requests a second
 * (Resend's default); the real worker process (pg-boss, the real Resend SDK).
 *  - auto-approve: 200 requests submitted as the public form's action does, one every 500 ms,
 *    each from its own address and network; from the submission to the invitation at the
 *    stand-in, p50/p95;
 *  - bulk acceptance: 1,000 pending requests accepted through the tRPC caller in one call, as the
 *    review page sends them (a bulk operation the worker does); the call's answer, and from the
 *    call until every invitation is at the stand-in.
 */
import { sql } from "drizzle-orm";
import { openFacility } from "../../server/registration/open-facilities";
import { submitRegistrationRequest } from "../../server/registration/submit-request";
import { withEmailBenchInstallation } from "./email-installation";
import { percentile, sleep } from "./measure";

export function benchRegistration(options: { submissions: number; bulk: number }): Promise<Record<string, unknown>> {
  return withEmailBenchInstallation("registration", async ({ db, demo, standIn, appUrl, startWorker }) => {
    await db.execute(sql`update settings set registration_requests_enabled = true, auto_approve_enabled = true`);
    await openFacility(
      db,
      { actorId: demo.users.owner, ip: null },
      {
        customerId: demo.nodes.royalDevon,
        defaultGroupId: demo.nodes.endoscopy,
        allowedDomains: ["royaldevon.example"],
      },
    );
    const { createCaller } = await import("../../server/api/root");
    const { createInnerContext } = await import("../../server/api/trpc");
    const owner = createCaller(
      createInnerContext({ db, sessionUserId: demo.users.owner, ip: null, userAgent: "bench" }),
    );

    startWorker();
    const arrivalOf = (address: string) => standIn.emails().find((e) => e.to[0] === address)?.receivedAt;
    const waitForArrivals = async (addresses: string[], timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      const wanted = new Set(addresses);
      while (standIn.emails().filter((e) => wanted.has(e.to[0]!)).length < wanted.size && Date.now() < deadline)
        await sleep(20);
    };
    // Warm the worker's paths (and wait for it to be ready) with a few requests not counted.
    for (let i = 0; i < 5; i++) {
      const email = `warmup${i}@royaldevon.example`;
      await submitRegistrationRequest(
        db,
        { firstName: "Warm", lastName: "Up", email, facilityId: demo.nodes.royalDevon, message: "" },
        { ip: `10.9.0.${i}`, appUrl },
      );
      await waitForArrivals([email], 60_000);
    }

    // 1. Auto-approve: submission to invitation.
    const submitted: { email: string; at: number }[] = [];
    for (let i = 0; i < options.submissions; i++) {
      const email = `self${i}@royaldevon.example`;
      const at = Date.now();
      const outcome = await submitRegistrationRequest(
        db,
        { firstName: "Self", lastName: `No ${i}`, email, facilityId: demo.nodes.royalDevon, message: "" },
        { ip: `10.1.${i >> 8}.${i & 255}`, appUrl },
      );
      if (outcome !== "approving") throw new Error(`submission ${i} answered "${outcome}"`);
      submitted.push({ email, at });
      await sleep(500);
    }
    await waitForArrivals(
      submitted.map((s) => s.email),
      60_000,
    );
    const latencies = submitted.map((s) => (arrivalOf(s.email) ?? Number.NaN) - s.at).filter(Number.isFinite);
    const autoApprove = {
      submissions: options.submissions,
      interval_ms: 500,
      invited: latencies.length,
      submission_to_stand_in: {
        p50_ms: percentile(latencies, 50),
        p95_ms: percentile(latencies, 95),
        max_ms: percentile(latencies, 100),
      },
    };

    // 2. Bulk acceptance: N pending requests for Royal Devon Clinic (addresses outside the open domains).
    await db.execute(sql`
      insert into registration_requests (email, first_name, last_name, facility_id, facility_name, message, ip)
      select 'bulk' || g || '@nhs-devon.example', 'Bulk', 'No ' || g, ${demo.nodes.royalDevon}, 'Royal Devon Clinic', '', '10.2.0.1'
      from generate_series(1, ${options.bulk}) g`);
    // Every other request was approved already: the pending ones are these.
    const pending = await owner.registration.pendingIds();
    if (pending.length !== options.bulk)
      throw new Error(`expected ${options.bulk} pending requests, found ${pending.length}`);
    const started = Date.now();
    const { operationId } = await owner.registration.accept({
      requestKey: `bench-${started}`,
      requestIds: pending,
      groupId: null,
    });
    const callsDone = Date.now();
    const addresses = (
      await db.execute<{ email: string }>(sql`select email from registration_requests where email like 'bulk%'`)
    ).map((r) => r.email);
    await waitForArrivals(addresses, 120_000);
    const bulkArrivals = standIn.emails().filter((e) => e.to[0]!.startsWith("bulk"));
    const lastArrival = Math.max(...bulkArrivals.map((e) => e.receivedAt));
    const unique = new Set(bulkArrivals.map((e) => e.to[0])).size;
    const [accepted] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from bulk_operation_items where operation_id = ${operationId} and status = 'done'`,
    );
    const bulk = {
      requests: pending.length,
      accepted: accepted?.n ?? 0,
      accept_call_ms: callsDone - started,
      all_emails_at_stand_in_seconds: Number(((lastArrival - started) / 1000).toFixed(1)),
      arrived: bulkArrivals.length,
      duplicates: bulkArrivals.length - unique,
      lost: pending.length - unique,
    };
    return { auto_approve: autoApprove, bulk_accept: bulk, refused_with_429: standIn.rateLimited() };
  });
}
