import { z } from "zod";

const itemId = z.uuid({ error: "No such item." });

export const ownFeedbackInput = z.object({ itemId });

/** A rating and an optional comment: plain text, shown as text, never as markup. */
export const giveFeedbackInput = z
  .object({
    itemId,
    rating: z
      .number({ error: "Choose a rating from 1 to 5 stars." })
      .int("Choose a rating from 1 to 5 stars.")
      .min(1, "Choose a rating from 1 to 5 stars.")
      .max(5, "Choose a rating from 1 to 5 stars."),
    comment: z.string().trim().max(2_000, "Keep the comment under 2,000 characters."),
  })
  .strict();

export const feedbackSummaryInput = z.object({
  itemId,
  versionId: z.uuid({ error: "No such version." }).optional(),
  rating: z.number().int().min(1).max(5).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
});

export const markHandledInput = z.object({ feedbackId: z.uuid({ error: "No such feedback." }), handled: z.boolean() });
