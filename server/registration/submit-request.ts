import { and, count, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../db/client";
import { registrationAttempts, registrationRequests, users } from "../db/schema";
import { queueEmail } from "../email/outbox";
import { renderExistingAccountNotice } from "../email/templates/existing-account";
import { getSettings } from "../settings/get-settings";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .optional();

/** The public request form. `website` is a honeypot: hidden from people, filled in by bots. */
export const registrationRequestInput = z.object({
  firstName: z.string().trim().min(1, "Enter your first name.").max(100),
  lastName: z.string().trim().min(1, "Enter your last name.").max(100),
  email: z.string().trim().toLowerCase().max(320).pipe(z.email({ error: "Enter the email address you use at work." })),
  phone: optionalText(40).refine((v) => !v || /^[+0-9 ()\-./]{5,40}$/.test(v), "Enter a phone number with digits, spaces and + ( ) - only."),
  position: optionalText(120),
  facilityName: z.string().trim().min(2, "Enter the hospital or facility where you work.").max(200),
  country: z.string().trim().min(2, "Enter the country of your facility.").max(80),
  message: z.string().trim().max(2000, "Keep the message under 2,000 characters.").default(""),
  website: z.string().max(200).optional(),
});

export type SubmitOutcome = "received" | "closed" | "rate_limited";

/** Limits that hold across app instances: they count rows in PostgreSQL. */
export const registrationLimits = { perIpPerHour: 10, perEmailPerDay: 3 };

/**
 * Takes a request for an account. The answer is the same whether the address already has an
 * account, already has a pending request, or is new ("received"): an existing user is emailed the
 * way to sign in instead, and nothing is stored for them. Only a closed form and too many
 * requests from one network say otherwise.
 */
export async function submitRegistrationRequest(db: Database, input: z.infer<typeof registrationRequestInput>, context: { ip: string | null; appUrl: string }): Promise<SubmitOutcome> {
  const settings = await getSettings(db);
  if (!settings.registrationRequestsEnabled) return "closed";
  return db.transaction(async (tx) => {
    const since = (ms: number) => gt(registrationAttempts.at, sql`now() - ${`${ms} milliseconds`}::interval`);
    const [byIp] = context.ip ? await tx.select({ n: count() }).from(registrationAttempts).where(and(eq(registrationAttempts.ip, context.ip), since(3_600_000))) : [{ n: 0 }];
    if ((byIp?.n ?? 0) >= registrationLimits.perIpPerHour) return "rate_limited";
    const [byEmail] = await tx.select({ n: count() }).from(registrationAttempts).where(and(eq(registrationAttempts.email, input.email), since(86_400_000)));
    await tx.insert(registrationAttempts).values({ ip: context.ip, email: input.email });
    // A bot (the honeypot is filled) or one address asking again and again: thanked, nothing done.
    if (input.website || (byEmail?.n ?? 0) >= registrationLimits.perEmailPerDay) return "received";

    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing) {
      const loginUrl = new URL("/login", context.appUrl).toString();
      await queueEmail(tx, { kind: "existing_account", to: input.email, userId: existing.id, ...renderExistingAccountNotice({ installationName: settings.installationName, loginUrl }) });
      return "received";
    }
    const [pending] = await tx
      .select({ id: registrationRequests.id })
      .from(registrationRequests)
      .where(and(eq(registrationRequests.email, input.email), eq(registrationRequests.status, "pending")));
    if (pending) return "received";
    await tx.insert(registrationRequests).values({
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone ?? null,
      position: input.position ?? null,
      facilityName: input.facilityName,
      country: input.country,
      message: input.message,
      ip: context.ip,
    });
    return "received";
  });
}
