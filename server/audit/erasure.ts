import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { auditErasures } from "../db/schema";
import { eraseFromText } from "../users/personal-data";

/*
 * Erasing a deleted person from the audit trail without breaking it. The entries stay (what was
 * done, when, by which id, to which id: the person's id is from now on a pseudonym, since nothing
 * else in the installation names it); their name, address, phone and the addresses they wrote from
 * are replaced by their digests. An entry's digest is taken over its values' digests
 * (drizzle/0030_audit_erasure.sql), so each entry, and the chain, verify exactly as sealed, and the
 * database refuses any change to an entry but this one.
 */

/** Keys of `before`/`after` that describe a person, erased when the entry is about them. */
const personalKeys = ["email", "firstName", "lastName", "phone", "position", "photoPath", "name"];

/** Entries examined per transaction: each batch is short, whatever the size of the trail. */
const scanBatch = 50_000;

interface Pending {
  id: string;
  personId: string;
  terms: string[];
}

type Candidate = {
  id: number;
  actor_id: string | null;
  target_type: string;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

/** What to erase in one entry: keys of `before` and `after` ('*' for the whole value), and the address. */
interface Erasure {
  id: number;
  before_keys: string[];
  after_keys: string[];
  erase_ip: boolean;
}

const mentions = (value: unknown, terms: string[]) => {
  const text = JSON.stringify(value ?? null).toLowerCase();
  return terms.some((term) => text.includes(term));
};

/** The keys of one recorded value to erase for these people. */
function keysToErase(value: unknown, aboutPerson: boolean, people: Pending[]): string[] {
  if (value === null || value === undefined) return [];
  const terms = people.flatMap((p) => p.terms);
  if (typeof value !== "object" || Array.isArray(value)) return mentions(value, terms) ? ["*"] : [];
  const entries = Object.entries(value as Record<string, unknown>);
  // The value describes the person when the entry is about them or one of its values is their address.
  const describesPerson =
    aboutPerson ||
    entries.some(([key, v]) => key === "email" && typeof v === "string" && terms.includes(v.toLowerCase()));
  return entries
    .filter(([key, v]) => (describesPerson && personalKeys.includes(key) && v !== null) || mentions(v, terms))
    .map(([key]) => key);
}

function erasureOf(entry: Candidate, people: Pending[]): Erasure | null {
  const about = people.filter(
    (p) =>
      entry.actor_id === p.personId ||
      entry.target_id === p.personId ||
      mentions(entry.before, p.terms) ||
      mentions(entry.after, p.terms),
  );
  if (about.length === 0) return null;
  const aboutPerson = about.some((p) => entry.target_id === p.personId && entry.target_type === "user");
  const erasure: Erasure = {
    id: entry.id,
    before_keys: keysToErase(entry.before, aboutPerson, about),
    after_keys: keysToErase(entry.after, aboutPerson, about),
    // The address an entry was written from is the person's when they did it, or when nobody signed
    // in did something to them (a failed sign-in, their own registration).
    erase_ip:
      entry.ip !== null &&
      about.some((p) => entry.actor_id === p.personId || (entry.actor_id === null && entry.target_id === p.personId)),
  };
  return erasure.before_keys.length + erasure.after_keys.length > 0 || erasure.erase_ip ? erasure : null;
}

/**
 * Erases every pending person from the trail: one pass over the entries, in short batches, for all
 * of them at once. Safe to run twice or side by side (an erased value stays as it is, and only
 * entries that change are counted). Returns how many people it finished.
 */
export async function eraseFromAuditTrail(db: Database): Promise<number> {
  const pending: Pending[] = (
    await db
      .select({ id: auditErasures.id, personId: auditErasures.personId, terms: auditErasures.searchTerms })
      .from(auditErasures)
      .where(isNull(auditErasures.completedAt))
  ).map((p) => ({ id: p.id, personId: p.personId, terms: p.terms ?? [] }));
  if (pending.length === 0) return 0;
  const [bounds] = await db.execute<{ last: number | null }>(sql`select max(id)::float8 as last from audit_log`);
  const ids = pending.map((p) => p.personId);
  const terms = pending.flatMap((p) => p.terms);
  const erased = new Map<string, number>(pending.map((p) => [p.id, 0]));
  for (let from = 0; from <= (bounds?.last ?? 0); from += scanBatch) {
    await db.transaction(async (tx) => {
      // Found by the database: entries by or about one of them, or whose values name them.
      const candidates = await tx.execute<Candidate>(sql`
        select a.id::float8 as id, a.actor_id, a.target_type, a.target_id, a.before, a.after, a.ip
        from audit_log a
        where a.id > ${from} and a.id <= ${from + scanBatch}
          and (a.actor_id = any(${sql.param(ids)}::uuid[]) or a.target_id = any(${sql.param(ids)}::text[])
            or exists (select 1 from unnest(${sql.param(terms)}::text[]) t
                       where position(t in lower(coalesce(a.before::text, '') || ' ' || coalesce(a.after::text, ''))) > 0))`);
      const erasures = candidates.flatMap((entry) => erasureOf(entry, pending) ?? []);
      if (erasures.length === 0) return;
      const changed = await tx.execute<{ id: number }>(sql`
        update audit_log a set
          before = audit_erase_keys(a.before, r.before_keys),
          after = audit_erase_keys(a.after, r.after_keys),
          ip = case when r.erase_ip and a.ip not like 'erased:%' then 'erased:' || audit_ip_digest(a.ip) else a.ip end
        from jsonb_to_recordset(${JSON.stringify(erasures)}::jsonb)
          as r(id bigint, before_keys text[], after_keys text[], erase_ip boolean)
        where a.id = r.id
          and (a.before is distinct from audit_erase_keys(a.before, r.before_keys)
            or a.after is distinct from audit_erase_keys(a.after, r.after_keys)
            or (r.erase_ip and a.ip not like 'erased:%'))
        returning a.id::float8 as id`);
      // Each entry that changed counts for each person it was erased for.
      const byId = new Map(candidates.map((c) => [c.id, c]));
      for (const row of changed)
        for (const p of pending) if (erasureOf(byId.get(row.id)!, [p])) erased.set(p.id, erased.get(p.id)! + 1);
    });
  }
  // Their names and addresses in what others wrote (notifications, bulk items, mentions) go too.
  await eraseFromText(db, terms);
  // What was searched for is the last copy of who they were: it goes once the trail is erased.
  for (const p of pending) {
    await db
      .update(auditErasures)
      .set({
        searchTerms: null,
        completedAt: new Date(),
        entriesErased: sql`${auditErasures.entriesErased} + ${erased.get(p.id) ?? 0}`,
      })
      .where(and(eq(auditErasures.id, p.id), isNull(auditErasures.completedAt)));
  }
  return pending.length;
}
