CREATE TABLE "audit_erasures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_terms" text[],
	"completed_at" timestamp with time zone,
	"entries_erased" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_erasures_pending_idx" ON "audit_erasures" ("requested_at") WHERE "completed_at" IS NULL;
--> statement-breakpoint
-- Erasure without losing integrity. An entry's digest is now taken over the digests of its values
-- (each top-level value of `before` and `after`, and the address), not over the values themselves.
-- A value replaced by {"erased": <its digest>} therefore leaves the entry's digest, and the chain,
-- exactly as sealed: the trail can forget a person's name and still prove nothing else changed.
-- A value's digest is SHA-256 over its jsonb text (canonical: keys sorted, no insignificant space).
CREATE OR REPLACE FUNCTION audit_is_erased(v jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT jsonb_typeof(v) = 'object' AND v - 'erased' = '{}'::jsonb AND jsonb_typeof(v -> 'erased') = 'string'
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_value_digest(v jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN v IS NULL THEN NULL
    WHEN audit_is_erased(v) THEN v ->> 'erased'
    ELSE encode(sha256(convert_to(v::text, 'UTF8')), 'hex')
  END
$$;
--> statement-breakpoint
-- `before` or `after`: an object is digested key by key, so each of its values can be erased alone.
CREATE OR REPLACE FUNCTION audit_record_digest(o jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN o IS NULL THEN NULL
    WHEN jsonb_typeof(o) = 'object' AND NOT audit_is_erased(o) THEN (
      SELECT encode(sha256(convert_to(coalesce(jsonb_object_agg(key, audit_value_digest(value)), '{}'::jsonb)::text, 'UTF8')), 'hex')
      FROM jsonb_each(o))
    ELSE audit_value_digest(o)
  END
$$;
--> statement-breakpoint
-- The address an entry was written from: erased as 'erased:<its digest>'.
CREATE OR REPLACE FUNCTION audit_ip_digest(ip text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN ip IS NULL THEN NULL
    WHEN ip LIKE 'erased:%' THEN substr(ip, 8)
    ELSE encode(sha256(convert_to(ip, 'UTF8')), 'hex')
  END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_entry_digest(e audit_log) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT sha256(convert_to(jsonb_build_array(
    e.id,
    to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.actor_id,
    e.action,
    e.target_type,
    e.target_id,
    audit_record_digest(e.before),
    audit_record_digest(e.after),
    audit_ip_digest(e.ip)
  )::text, 'UTF8'))
$$;
--> statement-breakpoint
-- `before` or `after` with the named keys erased ('*': the whole value, when it is not an object).
CREATE OR REPLACE FUNCTION audit_erase_keys(o jsonb, keys text[]) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN o IS NULL OR cardinality(keys) = 0 OR audit_is_erased(o) THEN o
    WHEN jsonb_typeof(o) <> 'object' THEN jsonb_build_object('erased', audit_record_digest(o))
    ELSE (SELECT jsonb_object_agg(key, CASE WHEN key = ANY (keys) AND NOT audit_is_erased(value)
                                      THEN jsonb_build_object('erased', audit_value_digest(value)) ELSE value END)
          FROM jsonb_each(o))
  END
$$;
--> statement-breakpoint
-- The one change an entry may undergo, for every role: one that leaves its digest as it was, which
-- (short of breaking SHA-256) only replaces values with their digests. Anything else is refused.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND audit_entry_digest(NEW) = audit_entry_digest(OLD) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit trail is append-only: % on % is refused (only an erasure may change an entry)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
DROP TRIGGER audit_log_append_only ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
--> statement-breakpoint
-- The links sealed so far used the first digest, which never left development: they are dropped
-- once, here, and the sealer links every entry again with the digest above within a minute.
ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_no_truncate;
--> statement-breakpoint
TRUNCATE audit_chain;
--> statement-breakpoint
ALTER TABLE audit_chain ENABLE TRIGGER audit_chain_no_truncate;
