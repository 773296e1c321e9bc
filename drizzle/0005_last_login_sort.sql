DROP INDEX "users_last_login_idx";--> statement-breakpoint
CREATE INDEX "users_last_login_idx" ON "users" USING btree (coalesce("last_login_at", '-infinity'::timestamptz),"id");