DROP INDEX "users_first_name_prefix_idx";--> statement-breakpoint
DROP INDEX "users_last_name_prefix_idx";--> statement-breakpoint
CREATE INDEX "users_first_last_prefix_idx" ON "users" USING btree (lower("first_name" || ' ' || "last_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "users_last_first_prefix_idx" ON "users" USING btree (lower("last_name" || ' ' || "first_name") text_pattern_ops);