/* Registration requests and the facilities open to self-registration. */
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { nodes } from "./organisation";
import { users } from "./user";

export const registrationRequestStatus = pgEnum("registration_request_status", ["pending", "accepted", "rejected"]);

export type RegistrationRequestStatus = (typeof registrationRequestStatus.enumValues)[number];

/**
 * A newcomer's request for an account, from the public form. Also the record the rate limits
 * count (per IP and per email), so they hold across app instances.
 */
export const registrationRequests = pgTable(
  "registration_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    phone: text(),
    position: text(),
    // The customer the request is for: picked from the open facilities, or matched from the name
    // typed in. It decides which admins see the request; without it only owner admins do.
    facilityId: uuid().references(() => nodes.id, { onDelete: "set null" }),
    facilityName: text(),
    country: text(),
    message: text().notNull().default(""),
    status: registrationRequestStatus().notNull().default("pending"),
    // Why a request waits for a person (it did not qualify for auto-approval, or the job could not
    // finish it), shown in the review table.
    reviewReason: text(),
    decidedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    // Accepted by the auto-approve job rather than a person.
    decidedAutomatically: boolean().notNull().default(false),
    // The reason a rejection gave (emailed when the admin chose to).
    rejectionReason: text(),
    // The account the acceptance created or linked.
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    ip: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("registration_requests_status_idx").on(t.status, t.createdAt),
    index("registration_requests_email_idx").on(t.email, t.createdAt),
    index("registration_requests_ip_idx").on(t.ip, t.createdAt),
    index("registration_requests_facility_idx").on(t.facilityId, t.status),
  ],
);

/**
 * A customer the owner opened to self-registration: a request for it (from an allowed email
 * domain, when domains are listed) is approved at once into its default group.
 */
export const openFacilities = pgTable("open_facilities", {
  customerId: uuid()
    .primaryKey()
    .references(() => nodes.id, { onDelete: "cascade" }),
  defaultGroupId: uuid()
    .notNull()
    .references(() => nodes.id, { onDelete: "cascade" }),
  // Lower-case domains; an address qualifies at the domain or a subdomain of it. Empty: every address.
  allowedDomains: text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  openedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Every submission of the request form, stored or not: what the per-IP and per-email limits count. */
export const registrationAttempts = pgTable(
  "registration_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ip: text(),
    email: text().notNull(),
  },
  (t) => [
    index("registration_attempts_ip_idx").on(t.ip, t.at),
    index("registration_attempts_email_idx").on(t.email, t.at),
  ],
);
