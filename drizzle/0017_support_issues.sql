CREATE TYPE "public"."support_reportability" AS ENUM('undecided', 'yes', 'no');--> statement-breakpoint
CREATE TYPE "public"."support_account_category" AS ENUM('customer', 'distributor', 'service');--> statement-breakpoint
CREATE TYPE "public"."support_event_kind" AS ENUM('created', 'reply', 'note', 'status', 'assigned', 'reportability', 'file');--> statement-breakpoint
CREATE TYPE "public"."support_issue_status" AS ENUM('new', 'in_progress', 'waiting', 'resolved', 'closed');--> statement-breakpoint
CREATE TYPE "public"."support_severity" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TABLE "support_issue_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issue_id" uuid NOT NULL,
	"actor_id" uuid,
	"kind" "support_event_kind" NOT NULL,
	"public" boolean NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_issue_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"device_complaint" boolean DEFAULT false NOT NULL,
	"default_unit_id" uuid NOT NULL,
	"attachments_allowed" boolean DEFAULT true NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"type_id" uuid NOT NULL,
	"reporter_id" uuid,
	"customer_id" uuid,
	"market_id" uuid,
	"scope_path" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"item_id" uuid,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"severity" "support_severity" DEFAULT 'medium' NOT NULL,
	"status" "support_issue_status" DEFAULT 'new' NOT NULL,
	"assignee_id" uuid,
	"device_serial" text,
	"event_date" date,
	"harm" boolean,
	"reportability" "support_reportability",
	"reportability_reason" text,
	"aware_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline_days" integer,
	"deadline_at" timestamp with time zone,
	"deadline_reminders" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_issues_number_unique" UNIQUE("number"),
	CONSTRAINT "support_issues_deadline_days" CHECK ("support_issues"."deadline_days" is null or "support_issues"."deadline_days" in (2, 10, 15))
);
--> statement-breakpoint
CREATE TABLE "support_staff_accounts" (
	"user_id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	"category" "support_account_category" NOT NULL,
	CONSTRAINT "support_staff_accounts_user_id_node_id_category_pk" PRIMARY KEY("user_id","node_id","category")
);
--> statement-breakpoint
CREATE TABLE "support_staff_types" (
	"user_id" uuid NOT NULL,
	"type_id" uuid NOT NULL,
	CONSTRAINT "support_staff_types_user_id_type_id_pk" PRIMARY KEY("user_id","type_id")
);
--> statement-breakpoint
CREATE TABLE "support_staff_units" (
	"user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "support_staff_units_user_id_unit_id_pk" PRIMARY KEY("user_id","unit_id")
);
--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "support_issues_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "support_reopen_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "support_issue_events" ADD CONSTRAINT "support_issue_events_issue_id_support_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."support_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_issue_events" ADD CONSTRAINT "support_issue_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_issue_types" ADD CONSTRAINT "support_issue_types_default_unit_id_nodes_id_fk" FOREIGN KEY ("default_unit_id") REFERENCES "public"."nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_issues" ADD CONSTRAINT "support_issues_type_id_support_issue_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."support_issue_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_issues" ADD CONSTRAINT "support_issues_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_issues" ADD CONSTRAINT "support_issues_customer_id_nodes_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."nodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_issues" ADD CONSTRAINT "support_issues_market_id_nodes_id_fk" FOREIGN KEY ("market_id") REFERENCES "public"."nodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_issues" ADD CONSTRAINT "support_issues_unit_id_nodes_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_issues" ADD CONSTRAINT "support_issues_item_id_content_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."content_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_issues" ADD CONSTRAINT "support_issues_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_staff_accounts" ADD CONSTRAINT "support_staff_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_staff_accounts" ADD CONSTRAINT "support_staff_accounts_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_staff_types" ADD CONSTRAINT "support_staff_types_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_staff_types" ADD CONSTRAINT "support_staff_types_type_id_support_issue_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."support_issue_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_staff_units" ADD CONSTRAINT "support_staff_units_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_staff_units" ADD CONSTRAINT "support_staff_units_unit_id_nodes_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_issue_events_issue_idx" ON "support_issue_events" USING btree ("issue_id","created_at");--> statement-breakpoint
CREATE INDEX "support_issues_unit_status_idx" ON "support_issues" USING btree ("unit_id","status","created_at");--> statement-breakpoint
CREATE INDEX "support_issues_assignee_idx" ON "support_issues" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "support_issues_reporter_idx" ON "support_issues" USING btree ("reporter_id","created_at");--> statement-breakpoint
CREATE INDEX "support_issues_scope_idx" ON "support_issues" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "support_issues_deadline_idx" ON "support_issues" USING btree ("deadline_at") WHERE "support_issues"."deadline_at" is not null and "support_issues"."status" not in ('resolved', 'closed');--> statement-breakpoint
CREATE INDEX "support_staff_units_unit_idx" ON "support_staff_units" USING btree ("unit_id");