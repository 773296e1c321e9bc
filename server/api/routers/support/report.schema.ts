import { z } from "zod";

const issueId = z.uuid({ error: "No such issue." });
export const issueIdInput = z.object({ issueId });

const text = (max: number, empty: string, long: string) => z.string().trim().min(1, empty).max(max, long);

/** What a product user reports from the portal. */
export const reportInput = z
  .object({
    typeId: z.uuid({ error: "Choose the kind of issue." }),
    itemId: z.uuid({ error: "Choose the product or item from the list." }).nullable(),
    title: text(200, "Say in a few words what the issue is.", "Keep the title under 200 characters."),
    description: text(10_000, "Describe what happened.", "Keep the description under 10,000 characters."),
    severity: z.enum(["low", "medium", "high", "critical"], { error: "Choose how serious it is." }),
    // Asked for device complaints only (the type says which): checked against the type by the domain.
    device: z
      .object({
        serial: text(100, "Enter the device's serial or lot number.", "Keep the serial or lot under 100 characters."),
        eventDate: z.iso
          .date({ error: "Enter the date of the event." })
          .refine((day) => day <= new Date().toISOString().slice(0, 10), "The event's date cannot be in the future."),
        harm: z.boolean({ error: "Say whether a patient or user was harmed." }),
      })
      .nullable(),
  })
  .strict();

/** The reporter's reply on their own issue. */
export const followUpInput = z.object({
  issueId,
  body: text(10_000, "Write your reply.", "Keep the reply under 10,000 characters."),
});
