-- Signatures are records like the audit trail: added, never changed, deleted or truncated away.
-- The one change allowed is the database's own when a signer's account is deleted: the link to the
-- account is cleared (ON DELETE SET NULL) and the signature keeps the name it was signed with.
CREATE OR REPLACE FUNCTION content_signatures_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.signer_id IS NULL AND OLD.signer_id IS NOT NULL
     AND (NEW.id, NEW.version_id, NEW.signer_name, NEW.meaning, NEW.content_hash, NEW.signed_at)
         IS NOT DISTINCT FROM (OLD.id, OLD.version_id, OLD.signer_name, OLD.meaning, OLD.content_hash, OLD.signed_at)
     AND NEW.ip IS NOT DISTINCT FROM OLD.ip THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'signatures are append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER content_signatures_append_only BEFORE UPDATE OR DELETE ON content_signatures
  FOR EACH ROW EXECUTE FUNCTION content_signatures_refuse_change();
--> statement-breakpoint
CREATE TRIGGER content_signatures_no_truncate BEFORE TRUNCATE ON content_signatures
  FOR EACH STATEMENT EXECUTE FUNCTION content_signatures_refuse_change();
