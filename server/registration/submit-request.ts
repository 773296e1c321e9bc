import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, DbOrTx } from "../db/client";
import { nodes, registrationAttempts, registrationRequests, users } from "../db/schema";
import { queueEmail } from "../email/outbox";
import { renderExistingAccountNotice } from "../email/templates/existing-account";
import { enqueue } from "../jobs/enqueue";
import { autoApproveRegistrationJob } from "../../workers/auto-approve-registration";
import { getSettings } from "../settings/get-settings";
import { notifyRequestWaiting } from "./notify-reviewers";
import { emailDomainAllowed, liveOpenFacility } from "./open-facilities";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .optional();

/**
 * The public request form. The facility is either picked from the form's list (facilityId) or
 * typed in with its country. `website` is a honeypot: hidden from people, filled in by bots.
 */
export const registrationRequestInput = z
  .object({
    firstName: z.string().trim().min(1, "Enter your first name.").max(100),
    lastName: z.string().trim().min(1, "Enter your last name.").max(100),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(320)
      .pipe(z.email({ error: "Enter the email address you use at work." })),
    phone: optionalText(40).refine(
      (v) => !v || /^[+0-9 ()\-./]{5,40}$/.test(v),
      "Enter a phone number with digits, spaces and + ( ) - only.",
    ),
    position: optionalText(120),
    facilityId: z.uuid({ error: "Choose your facility from the list." }).optional(),
    facilityName: z.string().trim().max(200, "Keep the facility's name under 200 characters.").optional(),
    country: z.string().trim().max(80, "Keep the country under 80 characters.").optional(),
    message: z.string().trim().max(2000, "Keep the message under 2,000 characters.").default(""),
    website: z.string().max(200).optional(),
  })
  .superRefine((input, issue) => {
    // PostgreSQL cannot store a NUL character: refused as bad input rather than failing the insert.
    for (const [field, value] of Object.entries(input)) {
      if (typeof value === "string" && value.includes("\u0000"))
        issue.addIssue({ code: "custom", path: [field], message: "Remove the NUL character from this field." });
    }
    if (input.facilityId) return;
    if ((input.facilityName ?? "").length < 2)
      issue.addIssue({
        code: "custom",
        path: ["facilityName"],
        message: "Enter the hospital or facility where you work.",
      });
    if ((input.country ?? "").length < 2)
      issue.addIssue({ code: "custom", path: ["country"], message: "Enter the country of your facility." });
  });

/**
 * "approving": the request qualifies for auto-approval and a worker is inviting the person.
 * "received": it waits for an administrator. "facility_unavailable": the facility picked is no
 * longer on the form's list (the form offers the list again).
 */
export type SubmitOutcome = "approving" | "received" | "closed" | "rate_limited" | "facility_unavailable";

/** Limits that hold across app instances: they count rows in PostgreSQL. */
export const registrationLimits = { perIpPerHour: 10, perEmailPerDay: 3 };

/**
 * Takes a request for an account. The answer depends only on what was typed (an open facility and
 * an allowed domain: "approving"; otherwise "received"), never on whether the address already has
 * an account or a pending request: an existing user is emailed the way to sign in instead, and
 * nothing is stored for them. Only a closed form and too many requests from one network say
 * otherwise. A qualifying request is stored with its auto-approve job, in one transaction.
 */
export async function submitRegistrationRequest(
  db: Database,
  input: z.infer<typeof registrationRequestInput>,
  context: { ip: string | null; appUrl: string },
): Promise<SubmitOutcome> {
  const settings = await getSettings(db);
  if (!settings.registrationRequestsEnabled) return "closed";
  // A facility picked from the list: open to self-registration (with auto-approve on). Any other
  // is typed by name, and its request reviewed.
  const facility =
    input.facilityId && settings.autoApproveEnabled ? await liveOpenFacility(db, input.facilityId) : null;
  if (input.facilityId && !facility) return "facility_unavailable";
  // Decided by the form alone (facility and address), so the answer says nothing about accounts.
  const qualifies = facility !== null && emailDomainAllowed(facility.allowedDomains, input.email);
  const accepted: SubmitOutcome = qualifies ? "approving" : "received";
  return db.transaction(async (tx) => {
    const since = (ms: number) => gt(registrationAttempts.at, sql`now() - ${`${ms} milliseconds`}::interval`);
    const [byIp] = context.ip
      ? await tx
          .select({ n: count() })
          .from(registrationAttempts)
          .where(and(eq(registrationAttempts.ip, context.ip), since(3_600_000)))
      : [{ n: 0 }];
    if ((byIp?.n ?? 0) >= registrationLimits.perIpPerHour) return "rate_limited";
    const [byEmail] = await tx
      .select({ n: count() })
      .from(registrationAttempts)
      .where(and(eq(registrationAttempts.email, input.email), since(86_400_000)));
    await tx.insert(registrationAttempts).values({ ip: context.ip, email: input.email });
    // A bot (the honeypot is filled) or one address asking again and again: thanked, nothing done.
    if (input.website || (byEmail?.n ?? 0) >= registrationLimits.perEmailPerDay) return accepted;

    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing) {
      const loginUrl = new URL("/login", context.appUrl).toString();
      await queueEmail(tx, {
        kind: "existing_account",
        to: input.email,
        userId: existing.id,
        ...renderExistingAccountNotice({ installationName: settings.installationName, loginUrl }),
      });
      return accepted;
    }
    // A second request while one waits adds nothing, unless this one can be approved at once
    // (approving it settles the waiting one too, see acceptRequestInTx).
    const [pending] = await tx
      .select({ id: registrationRequests.id })
      .from(registrationRequests)
      .where(and(eq(registrationRequests.email, input.email), eq(registrationRequests.status, "pending")));
    if (pending && !qualifies) return accepted;
    const [request] = await tx
      .insert(registrationRequests)
      .values({
        email: input.email,
        firstName: input.firstName,
        lastName: input.lastName,
        phone: input.phone ?? null,
        position: input.position ?? null,
        facilityId: facility?.customerId ?? (await customerNamed(tx, input.facilityName ?? "")),
        facilityName: facility?.name ?? input.facilityName ?? null,
        country: facility ? null : (input.country ?? null),
        message: input.message,
        reviewReason:
          facility && !qualifies
            ? "The email address is not at one of the domains allowed for self-registration at this facility."
            : null,
        ip: context.ip,
      })
      .returning({ id: registrationRequests.id });
    if (qualifies && request)
      await enqueue(tx, autoApproveRegistrationJob, { requestId: request.id }, { singletonKey: request.id });
    else if (request) await notifyRequestWaiting(tx, request.id);
    return accepted;
  });
}

/**
 * The customer a typed facility name designates, when exactly one live customer bears that name
 * (ignoring case): the request then reaches that customer's and its market's admins. Otherwise
 * null, and only owner admins see it.
 */
async function customerNamed(tx: DbOrTx, name: string): Promise<string | null> {
  if (!name.trim()) return null;
  const rows = await tx
    .select({ id: nodes.id })
    .from(nodes)
    .where(
      and(
        eq(nodes.kind, "customer"),
        isNull(nodes.archivedAt),
        sql`lower(${nodes.name}) = ${name.trim().toLowerCase()}`,
      ),
    )
    .limit(2);
  return rows.length === 1 ? rows[0]!.id : null;
}
