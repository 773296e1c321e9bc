import { z } from "zod";

/** A domain as people type it ("nhs.uk", "@Helse-Bergen.no"), made plain and checked. */
export const emailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^@/, ""))
  .pipe(
    z
      .string()
      .max(253)
      .regex(
        /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/,
        "Enter domains like hospital.example, without the @.",
      ),
  );

export const openFacilityInput = z.object({
  customerId: z.uuid(),
  defaultGroupId: z.uuid({ error: "Choose the group new users join." }),
  allowedDomains: z.array(emailDomain).max(20, "List at most 20 domains.").default([]),
});

export const closeFacilityInput = z.object({ customerId: z.uuid() });
