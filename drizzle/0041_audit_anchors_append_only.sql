-- Anchors and verifications are added, never changed or removed, like the trail they vouch for.
-- (Dropped first: a database that ran an earlier form of 0040 has them already.)
DROP TRIGGER IF EXISTS audit_anchors_append_only ON audit_anchors;
--> statement-breakpoint
CREATE TRIGGER audit_anchors_append_only BEFORE UPDATE OR DELETE ON audit_anchors
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_anchors_no_truncate ON audit_anchors;
--> statement-breakpoint
CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_verifications_append_only ON audit_verifications;
--> statement-breakpoint
CREATE TRIGGER audit_verifications_append_only BEFORE UPDATE OR DELETE ON audit_verifications
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_verifications_no_truncate ON audit_verifications;
--> statement-breakpoint
CREATE TRIGGER audit_verifications_no_truncate BEFORE TRUNCATE ON audit_verifications
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
