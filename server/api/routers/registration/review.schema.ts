import { z } from "zod";

/** One request of a bulk decision: the client sends the selection in chunks and shows the progress. */
export const decisionChunkSize = 100;
/** "Select all" takes at most this many pending requests at once. */
export const selectAllLimit = 5_000;

const requestIds = z
  .array(z.uuid())
  .min(1, "Select at least one request.")
  .max(decisionChunkSize, `Send at most ${decisionChunkSize} requests at a time.`)
  .refine((ids) => new Set(ids).size === ids.length, "A request is listed twice.");

export const listRequestsInput = z.object({
  status: z.enum(["pending", "accepted", "rejected"]).default("pending"),
  page: z.number().int().min(0).max(10_000).default(0),
});

export const acceptRequestsInput = z.object({
  requestIds,
  // Null: each request goes to the group suggested for its facility.
  groupId: z.uuid({ error: "Choose the group to place them in." }).nullable(),
});

export const rejectRequestsInput = z.object({
  requestIds,
  reason: z
    .string()
    .trim()
    .max(1000, "Keep the reason under 1,000 characters.")
    .transform((v) => v || null),
  notify: z.boolean(),
});
