-- Verifying a million entries value by value took twice the time allowed. Each link now also
-- holds a digest of the entry's whole text as sealed, bound into the link's hash: an untouched
-- entry is checked by that one hash, and only an entry whose text differs (erased, or tampered
-- with) value by value. The links sealed before (in development only) are dropped once, here, and
-- the sealer links every entry again within a minute.
ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_no_truncate;
--> statement-breakpoint
TRUNCATE audit_chain;
--> statement-breakpoint
ALTER TABLE audit_chain ENABLE TRIGGER audit_chain_no_truncate;
--> statement-breakpoint
ALTER TABLE "audit_chain" ADD COLUMN "text_digest" "bytea" NOT NULL;
--> statement-breakpoint
-- An entry's whole canonical text, hashed (jsonb's text is canonical: keys sorted, no insignificant space).
CREATE OR REPLACE FUNCTION audit_entry_text_digest(e audit_log) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT sha256(convert_to(jsonb_build_array(
    e.id,
    to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.actor_id,
    e.action,
    e.target_type,
    e.target_id,
    e.before,
    e.after,
    e.ip
  )::text, 'UTF8'))
$$;
