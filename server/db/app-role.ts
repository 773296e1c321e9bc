import postgres from "postgres";

/**
 * The tables the app may only add to and read: the audit trail, its chain and anchors, the record
 * of its verifications, and content signatures. Their triggers refuse changes too, but a trigger
 * can be turned off by the table's owner; the app's role is not the owner and has no UPDATE,
 * DELETE or TRUNCATE on them (except the columns erasure rewrites, below).
 */
export const appendOnlyTables = [
  "audit_log",
  "audit_chain",
  "audit_anchors",
  "audit_verifications",
  "content_signatures",
] as const;

/**
 * The columns of an audit entry a deleted person's erasure replaces by their digests. The entry's
 * guard trigger still refuses any update that changes what the entry was sealed with.
 */
export const erasableAuditColumns = ["before", "after", "ip"] as const;

/** The role a connection URL signs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Grants the app's role what it needs after the migrations ran as the owner: the tables' rows
 * (append-only ones: insert and read), the sequences, reading the list of migrations applied, and
 * pg-boss's schema, in which pg-boss keeps a table per queue. Run on every migration, so a new table is granted as it arrives.
 */
export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const role = sql(appRole);
  const appendOnly = sql(appendOnlyTables.slice());
  try {
    await sql.begin(async (tx) => {
      await tx`grant usage on schema public to ${role}`;
      await tx`grant select, insert, update, delete on all tables in schema public to ${role}`;
      await tx`grant usage, select on all sequences in schema public to ${role}`;
      await tx`revoke update, delete, truncate on ${appendOnly} from ${role}`;
      await tx`grant update (${sql(erasableAuditColumns.slice())}) on audit_log to ${role}`;
      // Readiness asks which migrations the database carries (it changes none).
      await tx`grant usage on schema drizzle to ${role}`;
      await tx`grant select on drizzle.__drizzle_migrations to ${role}`;
      await tx`grant usage, create on schema pgboss to ${role}`;
      await tx`grant all on all tables in schema pgboss to ${role}`;
      await tx`grant all on all sequences in schema pgboss to ${role}`;
      await tx`grant execute on all functions in schema pgboss to ${role}`;
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
