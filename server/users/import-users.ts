import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import Papa from "papaparse";
import { z } from "zod";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { nodes, users } from "../db/schema";
import { DomainError } from "../domain-error";
import { pathNames } from "../organisation/path-names";
import { can, type Actor } from "../scope";
import { insertUser } from "./create-user";
import { auditView } from "./manage-user";
import { assertSeatAvailable } from "./seat-limit";

/*
 * Creating many users at once from a CSV file. The same checks run for the dry run and for the
 * import, so what the dry run promised is what the import does; the import re-checks each chunk
 * inside its transaction, since the database may have changed in between.
 */

export const importLimits = { maxRows: 10_000, maxChars: 3_000_000 };
export const csvColumns = ["email", "first_name", "last_name", "phone", "position", "group"] as const;
const requiredColumns = ["email", "first_name", "last_name"] as const;

const rowSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "The email is missing.")
    .max(320)
    .pipe(z.email({ error: "The email is not a valid address." })),
  firstName: z
    .string()
    .trim()
    .min(1, "The first name is missing.")
    .max(100, "The first name is longer than 100 characters."),
  lastName: z
    .string()
    .trim()
    .min(1, "The last name is missing.")
    .max(100, "The last name is longer than 100 characters."),
  phone: z
    .string()
    .trim()
    .max(40, "The phone number is longer than 40 characters.")
    .refine(
      (v) => v === "" || /^[+0-9 ()\-./]{5,40}$/.test(v),
      "The phone number may hold digits, spaces and + ( ) - only.",
    ),
  position: z.string().trim().max(120, "The position is longer than 120 characters."),
  group: z.string().trim().max(400),
});

export interface ImportRow {
  line: number;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  position: string | null;
  groupId: string | null;
  groupPath: string[];
  errors: string[];
}

/** Reads the file: a header row naming the columns (in whatever order and case), then one user per row. */
export function parseUsersCsv(text: string): {
  rows: Record<(typeof csvColumns)[number], string>[];
  firstLine: number;
} {
  if (text.length > importLimits.maxChars)
    throw new DomainError("BAD_REQUEST", "The file is too large: split it into files of at most 10,000 users.");
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (header) =>
      header
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, "_"),
  });
  const headers = parsed.meta.fields ?? [];
  const missing = requiredColumns.filter((column) => !headers.includes(column));
  if (missing.length) {
    throw new DomainError(
      "BAD_REQUEST",
      `The first row must name the columns; missing: ${missing.join(", ")}. Download the template to see the expected layout.`,
    );
  }
  const unknown = headers.filter((h) => h && !(csvColumns as readonly string[]).includes(h));
  if (unknown.length)
    throw new DomainError(
      "BAD_REQUEST",
      `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. The columns are ${csvColumns.join(", ")}.`,
    );
  if (parsed.data.length > importLimits.maxRows)
    throw new DomainError(
      "BAD_REQUEST",
      `The file holds ${parsed.data.length} users; import at most 10,000 at a time.`,
    );
  if (parsed.data.length === 0) throw new DomainError("BAD_REQUEST", "The file holds no users below the header row.");
  const rows = parsed.data.map(
    (raw) =>
      Object.fromEntries(csvColumns.map((c) => [c, raw[c] ?? ""])) as Record<(typeof csvColumns)[number], string>,
  );
  return { rows, firstLine: 2 };
}

/**
 * Checks every row: its fields, duplicates within the file, addresses already in use, and the
 * group (the row's own, by name or path, or the default) against the scope resolver.
 */
export async function checkImportRows(
  db: DbOrTx,
  actor: Actor,
  text: string,
  defaultGroupId: string | null,
): Promise<ImportRow[]> {
  const { rows, firstLine } = parseUsersCsv(text);
  const groupNames = [...new Set(rows.map((r) => lastStep(r.group)).filter(Boolean))];
  // A group cell holds its name, its path, or its external id (from the organisation import).
  const groupCells = [...new Set(rows.map((r) => r.group.trim()).filter(Boolean))];
  const candidates = await db
    .select({ id: nodes.id, name: nodes.name, path: nodes.path, kind: nodes.kind, externalId: nodes.externalId })
    .from(nodes)
    .where(
      and(
        eq(nodes.kind, "group"),
        isNull(nodes.archivedAt),
        sql`(lower(${nodes.name}) in ${groupNames.length ? groupNames : [""]}
          or ${nodes.externalId} in ${groupCells.length ? groupCells : [""]}
          ${defaultGroupId ? sql`or ${nodes.id} = ${defaultGroupId}` : sql``})`,
      ),
    );
  // Only groups the actor may create users in: the rest do not exist as far as the file goes.
  const reachable = candidates.filter(
    (g) => can(actor, "user.create", { type: "node", nodeId: g.id, nodePath: g.path, kind: g.kind }).allowed,
  );
  const names = await pathNames(
    db,
    reachable.map((g) => g.path),
  );
  const groups = reachable.map((g) => ({ id: g.id, path: names.get(g.path) ?? [g.name], externalId: g.externalId }));
  const defaultGroup = defaultGroupId ? (groups.find((g) => g.id === defaultGroupId) ?? null) : null;
  if (defaultGroupId && !defaultGroup) throw new DomainError("NOT_FOUND", "No such user group in your scope.");

  const emails = rows.map((r) => r.email.trim().toLowerCase()).filter(Boolean);
  const taken = new Set(
    emails.length
      ? (
          await db
            .select({ email: users.email })
            .from(users)
            .where(inArray(users.email, [...new Set(emails)]))
        ).map((u) => u.email)
      : [],
  );
  const seen = new Map<string, number>();

  return rows.map((raw, i) => {
    const line = firstLine + i;
    const errors: string[] = [];
    const parsed = rowSchema.safeParse({
      email: raw.email,
      firstName: raw.first_name,
      lastName: raw.last_name,
      phone: raw.phone,
      position: raw.position,
      group: raw.group,
    });
    if (!parsed.success) errors.push(...parsed.error.issues.map((issue) => issue.message));
    const email = raw.email.trim().toLowerCase();
    if (email && taken.has(email)) errors.push("This email address is already in use.");
    if (email && seen.has(email)) errors.push(`The same email address is on line ${seen.get(email)}.`);
    if (email && !seen.has(email)) seen.set(email, line);

    let group = defaultGroup;
    if (raw.group.trim()) {
      const byExternalId = groups.filter((g) => g.externalId === raw.group.trim());
      const matches = byExternalId.length === 1 ? byExternalId : groups.filter((g) => matchesGroup(g.path, raw.group));
      if (matches.length === 1) group = matches[0]!;
      else if (matches.length > 1) {
        errors.push(
          `"${raw.group.trim()}" names ${matches.length} groups; write its path, e.g. "${matches[0]!.path.join(" › ")}".`,
        );
        group = null;
      } else {
        errors.push(`There is no user group "${raw.group.trim()}" that you administer.`);
        group = null;
      }
    } else if (!group) errors.push("No group: fill in the group column or choose a default group.");

    return {
      line,
      email,
      firstName: raw.first_name.trim(),
      lastName: raw.last_name.trim(),
      phone: raw.phone.trim() || null,
      position: raw.position.trim() || null,
      groupId: group?.id ?? null,
      groupPath: group?.path ?? [],
      errors,
    };
  });
}

/** The group's own name, in lower case, of a cell that may hold a path ("St Olav › Cardiology nurses"). */
function lastStep(cell: string): string {
  return splitPath(cell).at(-1)?.toLowerCase() ?? "";
}

function splitPath(cell: string): string[] {
  return cell
    .split(/›|>|\//)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A cell names a group when its steps are the last steps of the group's path (case aside). */
function matchesGroup(path: string[], cell: string): boolean {
  const steps = splitPath(cell).map((s) => s.toLowerCase());
  const tail = path.slice(-steps.length).map((s) => s.toLowerCase());
  return steps.length > 0 && steps.length <= path.length && steps.every((s, i) => s === tail[i]);
}

/**
 * Creates the valid rows of lines [from, from + count) in one transaction, re-checked there;
 * with `skipInvalid` false, one invalid row refuses the chunk. Returns what it created and skipped.
 */
export async function importUsers(
  db: DbOrTx,
  context: AuditContext,
  actor: Actor,
  input: { csv: string; defaultGroupId: string | null; fromLine: number; count: number; skipInvalid: boolean },
): Promise<{ created: { line: number; userId: string }[]; skipped: { line: number; errors: string[] }[] }> {
  return db.transaction(async (tx) => {
    const all = await checkImportRows(tx, actor, input.csv, input.defaultGroupId);
    const window = all.filter((row) => row.line >= input.fromLine && row.line < input.fromLine + input.count);
    const invalid = window.filter((row) => row.errors.length > 0);
    if (invalid.length && !input.skipInvalid) {
      throw new DomainError(
        "BAD_REQUEST",
        `Line ${invalid[0]!.line}: ${invalid[0]!.errors.join(" ")} Nothing of this part was imported.`,
      );
    }
    const valid = window.filter((row) => row.errors.length === 0 && row.groupId);
    if (valid.length) await assertSeatAvailable(tx, valid.length);
    const created: { line: number; userId: string }[] = [];
    for (const row of valid) {
      const user = await insertUser(tx, {
        email: row.email,
        firstName: row.firstName,
        lastName: row.lastName,
        phone: row.phone,
        position: row.position,
        memberOf: [row.groupId!],
      });
      await recordAudit(tx, context, {
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        after: { ...auditView(user), groupId: row.groupId, source: "csv import" },
      });
      created.push({ line: row.line, userId: user.id });
    }
    return { created, skipped: invalid.map((row) => ({ line: row.line, errors: row.errors })) };
  });
}
