ALTER TABLE "trusted_devices" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "trusted_devices" ADD COLUMN "recent_locks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "trusted_devices" ADD COLUMN "last_locked_at" timestamp with time zone;--> statement-breakpoint
UPDATE "trusted_devices" d SET "session_version" = u."session_version" FROM "users" u WHERE u."id" = d."user_id";
