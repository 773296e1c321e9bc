import { sql } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { DomainError } from "../domain-error";

/*
 * A person's own data, for GDPR Articles 15 (access) and 20 (portability): their account, and every
 * row of every table that refers to them, found through the database's own catalogue of foreign
 * keys to `users`. A table added later that holds a person's data refers to them the same way, so
 * it is in the export without anyone remembering to add it (a test checks the two agree). Secrets
 * never travel (password and token hashes, two-step keys, recovery codes), nor what is withheld
 * below (emails' bodies with their one-time links, the maker's handling of a support issue).
 */

/** Columns that prove who someone is, or open their account: never exported, whatever the table. */
export const secretColumns = [
  "password_hash",
  "totp_secret",
  "totp_pending_secret",
  "totp_last_step",
  "token_hash",
  "code_hash",
  "derivation_salt",
] as const;

/**
 * Columns withheld from a person's export although their row is about them: what is not theirs to
 * carry away. The emails' bodies hold one-time links (a password reset, an invitation) that must
 * not travel again in a file; the subject and dates say what was sent. A support issue's handling
 * (who handles it, the reportability decision and its deadline) is the maker's, and its reporter
 * never sees it in the app either.
 */
export const withheldColumns: Readonly<Record<string, readonly string[]>> = {
  email_outbox: ["html", "text"],
  support_issues: [
    "assignee_id",
    "reportability",
    "reportability_reason",
    "aware_at",
    "deadline_days",
    "deadline_at",
    "deadline_reminders",
  ],
};

/** What leaves a table's rows in an export: the secrets, and the table's withheld columns. */
const removedFrom = (table: string) =>
  sql.raw([...secretColumns, ...(withheldColumns[table] ?? [])].map((c) => `'${c}'`).join(", "));

/** A table (and its column) that refers to a person, from the catalogue. */
export interface PersonReference {
  table: string;
  column: string;
}

/** Every single-column foreign key to users(id), from PostgreSQL's catalogue. */
export async function personReferences(db: DbOrTx): Promise<PersonReference[]> {
  return db.execute<{ table: string; column: string }>(sql`
    select c.conrelid::regclass::text as table, a.attname as column
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'users'::regclass and cardinality(c.conkey) = 1
      and c.conrelid <> 'users'::regclass
    order by 1, 2`);
}

/** Tables (besides users) with an `email` column: rows there name a person by address. */
export async function tablesWithEmail(db: DbOrTx): Promise<string[]> {
  const rows = await db.execute<{ table: string }>(sql`
    select table_name as table from information_schema.columns
    where table_schema = 'public' and column_name = 'email' and table_name <> 'users'
    order by 1`);
  return rows.map((r) => r.table);
}

export interface PersonalDataExport {
  exportedAt: string;
  account: Record<string, unknown>;
  /** Table → the column that names the person (a reference to them, or "email") → their rows, secrets removed. */
  records: Record<string, Record<string, Record<string, unknown>[]>>;
  /** The audit trail's entries by them or about them. */
  audit: Record<string, unknown>[];
}

const secretsRemoved = sql.raw(secretColumns.map((c) => `'${c}'`).join(", "));

/** Everything the installation holds about one person, as one JSON document. */
export async function personalDataOf(db: DbOrTx, userId: string): Promise<PersonalDataExport> {
  const [account] = await db.execute<{ row: Record<string, unknown> }>(
    sql`select to_jsonb(u) - array[${secretsRemoved}] as row from users u where u.id = ${userId}`,
  );
  if (!account) throw new DomainError("NOT_FOUND", "No such user in your organisation.");
  const records: PersonalDataExport["records"] = {};
  for (const reference of await personReferences(db)) {
    // Names from the catalogue, quoted by PostgreSQL itself.
    const rows = await db.execute<{ row: Record<string, unknown> }>(sql`
      select to_jsonb(t) - array[${removedFrom(reference.table)}] as row
      from ${sql.raw(quoteIdentifier(reference.table))} t
      where t.${sql.raw(quoteIdentifier(reference.column))} = ${userId}`);
    if (rows.length === 0) continue;
    (records[reference.table] ??= {})[reference.column] = rows.map((r) => r.row);
  }
  // Rows that name the person by address only (a password reset asked for, a registration tried).
  for (const table of await tablesWithEmail(db)) {
    const rows = await db.execute<{ row: Record<string, unknown> }>(sql`
      select to_jsonb(t) - array[${removedFrom(table)}] as row
      from ${sql.raw(quoteIdentifier(table))} t where lower(t.email) = lower(${account.row.email as string})`);
    if (rows.length === 0) continue;
    (records[table] ??= {}).email = rows.map((r) => r.row);
  }
  const audit = await db.execute<{ row: Record<string, unknown> }>(sql`
    select to_jsonb(a) as row from audit_log a
    where a.actor_id = ${userId} or (a.target_type = 'user' and a.target_id = ${userId})
    order by a.id`);
  return { exportedAt: new Date().toISOString(), account: account.row, records, audit: audit.map((r) => r.row) };
}

/** A catalogue name as an SQL identifier: tables here are plain names; anything else is refused. */
function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected identifier from the catalogue: ${name}`);
  return `"${name}"`;
}

/**
 * A person's rows that deleting their account would leave behind: those that name them by address
 * only, and the emails sent to them. (Rows that refer to them go by their foreign key's own rule,
 * in the same transaction: deleted, or no longer pointing at anyone.) Call it in the deletion's
 * transaction.
 */
export async function erasePersonalRows(tx: DbOrTx, person: { id: string; email: string }): Promise<void> {
  for (const table of await tablesWithEmail(tx)) {
    await tx.execute(
      sql`delete from ${sql.raw(quoteIdentifier(table))} t where lower(t.email) = lower(${person.email})`,
    );
  }
  await tx.execute(
    sql`delete from email_outbox where user_id = ${person.id} or lower(to_address) = lower(${person.email})`,
  );
}

/** An export asked for, recorded: who took whose data, and when. */
export async function exportPersonalData(
  db: Database,
  context: AuditContext,
  userId: string,
): Promise<PersonalDataExport> {
  const data = await personalDataOf(db, userId);
  await recordAudit(db, context, {
    action: "user.data_exported",
    targetType: "user",
    targetId: userId,
    after: { tables: Object.keys(data.records).length, auditEntries: data.audit.length },
  });
  return data;
}
