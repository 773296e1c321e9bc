CREATE TYPE "public"."bulk_item_status" AS ENUM('pending', 'done', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."bulk_operation_kind" AS ENUM('invite', 'suspend', 'reactivate', 'add_to_group', 'delete', 'accept_registrations', 'reject_registrations', 'import_users');--> statement-breakpoint
CREATE TABLE "bulk_operation_items" (
	"operation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"target_id" uuid,
	"label" text NOT NULL,
	"status" "bulk_item_status" DEFAULT 'pending' NOT NULL,
	"message" text,
	"done_at" timestamp with time zone,
	CONSTRAINT "bulk_operation_items_operation_id_position_pk" PRIMARY KEY("operation_id","position")
);
--> statement-breakpoint
CREATE TABLE "bulk_operations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "bulk_operation_kind" NOT NULL,
	"started_by" uuid,
	"started_by_name" text NOT NULL,
	"ip" text,
	"node_id" uuid,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request_key" text NOT NULL,
	"total" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	CONSTRAINT "bulk_operations_request_key_length" CHECK (length("bulk_operations"."request_key") between 8 and 100)
);
--> statement-breakpoint
ALTER TABLE "bulk_operation_items" ADD CONSTRAINT "bulk_operation_items_operation_id_bulk_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."bulk_operations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_operations" ADD CONSTRAINT "bulk_operations_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_operations" ADD CONSTRAINT "bulk_operations_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_operations" ADD CONSTRAINT "bulk_operations_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_operation_items_status_idx" ON "bulk_operation_items" USING btree ("operation_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_operations_request_key_idx" ON "bulk_operations" USING btree ("started_by","request_key");--> statement-breakpoint
CREATE INDEX "bulk_operations_recent_idx" ON "bulk_operations" USING btree ("created_at");