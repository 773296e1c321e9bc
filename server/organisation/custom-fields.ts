import { z } from "zod";
import { DomainError } from "../domain-error";

/**
 * Fields the owner defines for every customer (a hospital's account number, its number of beds,
 * its contract date, its tier). Definitions live in the settings; values on each customer node.
 */
export const customFieldDefinition = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "A field key starts with a letter and holds only a–z, 0–9 and _ (at most 40)."),
  label: z.string().trim().min(1, "Give the field a label.").max(60),
  type: z.enum(["text", "number", "date", "choice"]),
  // Only for "choice": the values a person can pick from.
  options: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  // Only for "number": its limits (none when left out) and whether it is a whole number.
  min: z.number().finite().nullable().optional(),
  max: z.number().finite().nullable().optional(),
  integer: z.boolean().optional(),
});

export const customFieldDefinitions = z
  .array(customFieldDefinition)
  .max(30)
  .superRefine((fields, issue) => {
    const seen = new Set<string>();
    fields.forEach((field, i) => {
      if (seen.has(field.key))
        issue.addIssue({ code: "custom", path: [i, "key"], message: `The key "${field.key}" is used twice.` });
      seen.add(field.key);
      if (field.type === "number" && field.min != null && field.max != null && field.min > field.max) {
        issue.addIssue({
          code: "custom",
          path: [i, "min"],
          message: `"${field.label}": the least value is above the greatest.`,
        });
      }
      if (field.type === "choice" && field.options.length === 0) {
        issue.addIssue({
          code: "custom",
          path: [i, "options"],
          message: `"${field.label}" is a choice: list at least one option.`,
        });
      }
    });
  });

export type CustomFieldDefinition = z.infer<typeof customFieldDefinition>;
export type CustomFieldValues = Record<string, string | number | null>;

/** What a customer form may send (keys and values, each a string, a number or empty), checked against the definitions below. */
export const customFieldValuesInput = z
  .record(z.string().max(40), z.union([z.string().max(500), z.number(), z.null()]))
  .refine((values) => Object.keys(values).length <= 30, "A customer has at most 30 custom fields.")
  .default({});

/**
 * Checks submitted values against the definitions and returns them cleaned (trimmed, typed, empty
 * as null, unknown keys refused). A refusal names the field, written for the person editing.
 */
export function validateCustomFieldValues(
  definitions: readonly CustomFieldDefinition[],
  values: CustomFieldValues,
): CustomFieldValues {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const clean: CustomFieldValues = {};
  for (const key of Object.keys(values)) {
    if (!byKey.has(key)) throw new DomainError("BAD_REQUEST", `There is no customer field "${key}".`);
  }
  for (const field of definitions) {
    const raw = values[field.key];
    const text = typeof raw === "string" ? raw.trim() : raw;
    if (text === undefined || text === null || text === "") {
      clean[field.key] = null;
      continue;
    }
    switch (field.type) {
      case "text":
        clean[field.key] = String(text);
        break;
      case "number": {
        const number = typeof text === "number" ? text : Number(text.replace(",", "."));
        if (!Number.isFinite(number)) throw new DomainError("BAD_REQUEST", `${field.label}: enter a number.`);
        if (field.integer && !Number.isInteger(number))
          throw new DomainError("BAD_REQUEST", `${field.label}: enter a whole number.`);
        if (field.min != null && number < field.min)
          throw new DomainError("BAD_REQUEST", `${field.label}: enter ${field.min} or more.`);
        if (field.max != null && number > field.max)
          throw new DomainError("BAD_REQUEST", `${field.label}: enter ${field.max} or less.`);
        clean[field.key] = number;
        break;
      }
      case "date": {
        const iso = String(text);
        const parsed = new Date(`${iso}T00:00:00Z`);
        if (
          !/^\d{4}-\d{2}-\d{2}$/.test(iso) ||
          Number.isNaN(parsed.getTime()) ||
          parsed.toISOString().slice(0, 10) !== iso
        ) {
          throw new DomainError("BAD_REQUEST", `${field.label}: enter a date as YYYY-MM-DD.`);
        }
        clean[field.key] = iso;
        break;
      }
      case "choice":
        if (!field.options.includes(String(text)))
          throw new DomainError("BAD_REQUEST", `${field.label}: choose one of ${field.options.join(", ")}.`);
        clean[field.key] = String(text);
        break;
    }
  }
  return clean;
}
