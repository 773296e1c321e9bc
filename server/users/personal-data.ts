import { sql, type SQL } from "drizzle-orm";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { appendOnlyTables } from "../db/app-role";
import type { Database, DbOrTx } from "../db/client";
import { DomainError } from "../domain-error";

/*
 * A person's own data, for GDPR Articles 15 (access) and 20 (portability): their account, and every
 * row of every table that refers to them, found through the database's own catalogue of foreign
 * keys to `users`. A table added later that holds a person's data refers to them the same way, so
 * it cannot be missed (a test checks the two agree, and a table not in the allowlist below fails
 * it). What of each row travels is decided by that allowlist; secrets never do.
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
 * What a person's export carries, by allowlist: for each table that refers to people (by the column
 * that names them) or names them by address ("email"), the columns that are theirs to see and take
 * away. Where the row is about them, what they see of it in the app; where it records something
 * they did to someone else (a role granted, a request decided), what they did and when, without
 * the other person. Never: secrets, emails' bodies (their one-time links), the maker's handling of
 * a support issue (who handles it, its reportability and deadline). A table that refers to people
 * and is not listed fails the completeness test until someone decides what of it is the person's.
 */
export const exportedColumns: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  account_locks: {
    user_id: ["id", "locked_at", "locked_until", "failures", "ip", "user_agent", "unlocked_at", "unlock_reason"],
    unlocked_by: ["id", "unlocked_at", "unlock_reason"],
  },
  account_tokens: { user_id: ["id", "purpose", "new_email", "expires_at", "used_at", "revoked_at", "created_at"] },
  board_access: { user_id: ["id", "board_id", "created_at"], given_by: ["id", "board_id", "created_at"] },
  board_digests: { user_id: ["day", "sent_at"] },
  board_posts: {
    author_id: [
      "id",
      "thread_id",
      "board_id",
      "body",
      "created_at",
      "edited_at",
      "hidden_at",
      "hidden_reason",
      "removed_at",
    ],
    hidden_by: ["id", "thread_id", "board_id", "hidden_at", "hidden_reason"],
  },
  board_reactions: { user_id: ["post_id", "created_at"] },
  board_reads: { user_id: ["thread_id", "read_at"] },
  board_reports: {
    reporter_id: ["id", "post_id", "board_id", "reason", "created_at"],
    resolved_by: ["id", "resolved_at"],
  },
  board_threads: {
    author_id: ["id", "board_id", "title", "pinned", "locked", "created_at", "hidden_at", "hidden_reason"],
    hidden_by: ["id", "board_id", "title", "hidden_at", "hidden_reason"],
  },
  boards: { created_by: ["id", "name", "description", "created_at", "archived_at"] },
  bulk_operations: {
    started_by: ["id", "kind", "started_by_name", "ip", "total", "created_at", "finished_at", "cancelled_at"],
    cancelled_by: ["id", "kind", "cancelled_at"],
  },
  content_assignments: {
    user_id: ["id", "item_id", "created_at"],
    assigned_by: ["id", "item_id", "node_id", "created_at"],
  },
  content_feedback: {
    user_id: ["id", "item_id", "version_id", "rating", "comment", "created_at", "updated_at"],
    handled_by: ["id", "item_id", "handled_at"],
  },
  content_items: { created_by: ["id", "kind", "created_at", "archived_at"] },
  content_signatures: { signer_id: ["id", "version_id", "signer_name", "meaning", "content_hash", "signed_at", "ip"] },
  content_versions: {
    created_by: ["id", "item_id", "number", "status", "title", "created_at"],
    approved_by: ["id", "item_id", "number", "title", "approved_at"],
    published_by: ["id", "item_id", "number", "title", "published_at"],
  },
  course_progress: {
    user_id: ["item_id", "last_page", "pages_seen", "percent", "started_at", "completed_at", "updated_at"],
  },
  email_outbox: {
    user_id: ["id", "kind", "to_address", "subject", "status", "delivery_status", "created_at", "sent_at"],
  },
  invitations: { user_id: ["id", "kind", "created_at"], sent_by: ["id", "kind", "created_at"] },
  login_attempts: {
    user_id: ["id", "at", "email", "ip", "user_agent", "success", "reason"],
    email: ["id", "at", "email", "ip", "user_agent", "success", "reason"],
  },
  memberships: { user_id: ["node_id", "created_at"] },
  notifications: { recipient_id: ["id", "kind", "title", "body", "link", "created_at", "read_at"] },
  open_facilities: { opened_by: ["customer_id", "opened_at"] },
  password_reset_requests: { email: ["id", "at", "email", "ip"] },
  permission_group_members: { user_id: ["permission_group_id", "created_at"] },
  recovery_codes: { user_id: ["id", "used_at"] },
  registration_attempts: { email: ["id", "at", "ip", "email"] },
  registration_requests: {
    user_id: requestColumns(),
    email: requestColumns(),
    decided_by: ["id", "status", "decided_at"],
  },
  role_assignments: {
    user_id: ["id", "role", "node_id", "created_at"],
    granted_by: ["id", "role", "node_id", "created_at"],
  },
  session_attendance: {
    user_id: ["version_id", "item_id", "invited_at", "response", "responded_at", "attended", "recorded_at"],
    recorded_by: ["version_id", "item_id", "attended", "recorded_at"],
  },
  support_issue_events: { actor_id: ["id", "issue_id", "kind", "public", "body", "created_at"] },
  support_issues: {
    reporter_id: [
      "id",
      "number",
      "type_id",
      "item_id",
      "title",
      "description",
      "severity",
      "status",
      "device_serial",
      "event_date",
      "harm",
      "resolved_at",
      "closed_at",
      "created_at",
      "updated_at",
    ],
    assignee_id: ["id", "number", "title", "status", "created_at"],
  },
  support_staff_accounts: { user_id: ["node_id", "category"] },
  support_staff_types: { user_id: ["type_id"] },
  support_staff_units: { user_id: ["unit_id"] },
  training_completions: { user_id: ["id", "item_id", "version_id", "version_number", "completed_at"] },
  training_reminders: { user_id: ["item_id", "counts_from_version", "stage", "sent_at"] },
  trusted_devices: { user_id: ["id", "created_at", "last_used_at", "locked_until"] },
  user_scopes: { user_id: ["node_id"] },
  user_sessions: { user_id: ["id", "created_at", "last_seen_at", "ended_at", "end_reason", "ip", "user_agent"] },
};

/** A registration request as its author wrote it, and the answer they were given. */
function requestColumns(): readonly string[] {
  return [
    "id",
    "email",
    "first_name",
    "last_name",
    "phone",
    "position",
    "facility_id",
    "facility_name",
    "country",
    "message",
    "status",
    "decided_at",
    "rejection_reason",
    "ip",
    "created_at",
  ];
}

/** The listed columns of a row, as JSON; secrets are never listed, and are taken out again anyway. */
function exportedRow(table: string, column: string): SQL {
  const columns = exportedColumns[table]?.[column];
  if (!columns) throw new Error(`${table}.${column} refers to people and is not in the export's allowlist`);
  const pairs = columns
    .filter((c) => !(secretColumns as readonly string[]).includes(c))
    .map((c) => `'${quoteIdentifier(c).slice(1, -1)}', t.${quoteIdentifier(c)}`);
  return sql.raw(`jsonb_build_object(${pairs.join(", ")})`);
}

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
      select ${exportedRow(reference.table, reference.column)} as row
      from ${sql.raw(quoteIdentifier(reference.table))} t
      where t.${sql.raw(quoteIdentifier(reference.column))} = ${userId}`);
    if (rows.length === 0) continue;
    (records[reference.table] ??= {})[reference.column] = rows.map((r) => r.row);
  }
  // Rows that name the person by address only (a password reset asked for, a registration tried).
  for (const table of await tablesWithEmail(db)) {
    const rows = await db.execute<{ row: Record<string, unknown> }>(sql`
      select ${exportedRow(table, "email")} as row
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

/** What stands where a deleted person's name, address or phone was written in others' text. */
export const erasedText = "[erased]";

/**
 * Tables whose rows are never changed, and what they do with a deleted person: the audit trail
 * replaces their values with digests (server/audit/erasure.ts); a signature keeps the signer's name
 * as signed, a quality record the law requires kept; the erasure's own record clears its terms last.
 */
const notScrubbed = [...appendOnlyTables, "audit_erasures"];

/** Every column, from the catalogue, in which someone may have written a person's name: text, text arrays, JSON. */
export async function freeTextColumns(
  db: DbOrTx,
): Promise<{ table: string; column: string; kind: "text" | "array" | "json" }[]> {
  const rows = await db.execute<{ table: string; column: string; kind: "text" | "array" | "json" }>(sql`
    select c.table_name as table, c.column_name as column,
      case when c.data_type in ('jsonb', 'json') then 'json' when c.data_type = 'ARRAY' then 'array' else 'text' end as kind
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
      and (c.data_type in ('text', 'character varying', 'jsonb', 'json') or c.udt_name in ('_text', '_varchar'))
      and c.table_name <> all(${sql.param(notScrubbed)}::text[])
    order by 1, 2`);
  return [...rows];
}

const regexEscaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replaces deleted people's names, addresses and phones (their erasure's search terms) wherever
 * others wrote them: admins' notifications, bulk operations' items and starters, mentions in posts,
 * anything. One statement per column for everyone pending, in one transaction; a second run finds
 * nothing. The terms are whole names and addresses (five characters or more), never a first name
 * alone.
 */
export async function eraseFromText(db: Database, terms: string[]): Promise<number> {
  if (terms.length === 0) return 0;
  const pattern = terms.map(regexEscaped).join("|");
  // Inside JSON, a term is written with JSON's escapes.
  const jsonPattern = terms.map((t) => regexEscaped(JSON.stringify(t).slice(1, -1))).join("|");
  return db.transaction(async (tx) => {
    let changed = 0;
    for (const { table, column, kind } of await freeTextColumns(tx)) {
      const t = sql.identifier(table);
      const c = sql.identifier(column);
      const rows = await tx.execute(
        kind === "text"
          ? sql`update ${t} set ${c} = regexp_replace(${c}, ${pattern}, ${erasedText}, 'gi') where ${c} ~* ${pattern}`
          : kind === "json"
            ? sql`update ${t} set ${c} = regexp_replace(${c}::text, ${jsonPattern}, ${erasedText}, 'gi')::jsonb
                  where ${c}::text ~* ${jsonPattern}`
            : sql`update ${t} set ${c} = array(select regexp_replace(x, ${pattern}, ${erasedText}, 'gi')
                    from unnest(${c}) with ordinality as u(x, n) order by n)
                  where array_to_string(${c}, ' ') ~* ${pattern}`,
      );
      changed += rows.count;
    }
    return changed;
  });
}
