import { z } from "zod";
import { bulkRequestKey } from "../bulk/bulk.schema";

/** "Select all" takes at most this many pending requests at once; one decision takes as many. */
export const selectAllLimit = 5_000;

const requestIds = z
  .array(z.uuid())
  .min(1, "Select at least one request.")
  .max(selectAllLimit, `Decide at most ${selectAllLimit.toLocaleString("en-GB")} requests at a time.`)
  .refine((ids) => new Set(ids).size === ids.length, "A request is listed twice.");

export const listRequestsInput = z.object({
  status: z.enum(["pending", "accepted", "rejected"]).default("pending"),
  page: z.number().int().min(0).max(10_000).default(0),
});

export const acceptRequestsInput = z.object({
  requestKey: bulkRequestKey,
  requestIds,
  // Null: each request goes to the group suggested for its facility.
  groupId: z.uuid({ error: "Choose the group to place them in." }).nullable(),
});

export const rejectRequestsInput = z.object({
  requestKey: bulkRequestKey,
  requestIds,
  reason: z
    .string()
    .trim()
    .max(1000, "Keep the reason under 1,000 characters.")
    .transform((v) => v || null),
  notify: z.boolean(),
});
