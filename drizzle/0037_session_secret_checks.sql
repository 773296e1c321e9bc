ALTER TABLE "user_sessions" ADD COLUMN "secret_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD COLUMN "secret_checks_in_flight" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD COLUMN "secret_checks_at" timestamp with time zone;