import { z } from "zod";
import { seriousIncidentDays } from "../../../support/deadline";

const issueId = z.uuid({ error: "No such issue." });

/** A handler's message: a public reply, or an internal note the reporter never sees. */
export const respondInput = z.object({
  issueId,
  body: z.string().trim().min(1, "Write the message.").max(10_000, "Keep it under 10,000 characters."),
  internal: z.boolean(),
});
export const statusInput = z.object({
  issueId,
  status: z.enum(["new", "in_progress", "waiting", "resolved", "closed"], { error: "Choose a status." }),
});
export const assignInput = z.object({ issueId, assigneeId: z.uuid({ error: "Choose a handler." }).nullable() });
export const reportabilityInput = z
  .object({
    issueId,
    reportability: z.enum(["undecided", "yes", "no"], { error: "Choose yes, no or undecided." }),
    reason: z.string().trim().max(2_000, "Keep the reason under 2,000 characters."),
    incident: z
      .enum(
        Object.keys(seriousIncidentDays) as [keyof typeof seriousIncidentDays, ...(keyof typeof seriousIncidentDays)[]],
      )
      .nullable(),
  })
  .refine((decision) => decision.reportability === "undecided" || decision.reason.length > 0, {
    path: ["reason"],
    message: "Give the reason for the decision.",
  });

export const inboxInput = z.object({
  tab: z.enum(["unassigned", "mine", "waiting", "all", "reassign"]).default("all"),
  typeId: z.uuid().optional(),
  status: z.enum(["new", "in_progress", "waiting", "resolved", "closed"]).optional(),
  customerId: z.uuid().optional(),
  marketId: z.uuid().optional(),
  itemId: z.uuid().optional(),
  olderThanDays: z.number().int().min(1).max(3650).optional(),
  search: z.string().trim().max(200).optional(),
  sort: z.enum(["newest", "oldest", "updated", "severity", "deadline"]).default("newest"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

/** What the inbox's customer, market and product filters offer, narrowed by what was typed. */
export const filterOptionsInput = z.object({
  kind: z.enum(["customer", "market", "item"]),
  search: z.string().trim().max(200).optional(),
});

/** The export: the inbox's tab and filters, every page. */
export const exportInput = inboxInput.omit({ sort: true, page: true, pageSize: true });

/** A selection of issues given to one handler (the page sends at most 100 at a time). */
export const reassignInput = z.object({
  issueIds: z
    .array(z.uuid())
    .min(1, "Choose the issues to reassign.")
    .max(100, "Reassign at most 100 issues at a time.")
    .refine((ids) => new Set(ids).size === ids.length, "An issue is chosen twice."),
  assigneeId: z.uuid({ error: "Choose a handler." }),
});
