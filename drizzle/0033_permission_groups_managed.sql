ALTER TYPE "public"."permission" ADD VALUE 'boards.moderate';--> statement-breakpoint
ALTER TABLE "permission_groups" DROP CONSTRAINT "permission_groups_name_unique";--> statement-breakpoint
ALTER TABLE "permission_groups" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "nodes_one_owner_idx" ON "nodes" USING btree ("kind") WHERE "nodes"."kind" = 'owner';--> statement-breakpoint
CREATE UNIQUE INDEX "permission_groups_name_idx" ON "permission_groups" USING btree (lower("name"));