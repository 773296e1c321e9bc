ALTER TYPE "public"."bulk_operation_kind" ADD VALUE 'import_organisation';--> statement-breakpoint
ALTER TABLE "nodes" ADD COLUMN "external_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "nodes_external_id_idx" ON "nodes" USING btree ("external_id") WHERE "nodes"."external_id" is not null;