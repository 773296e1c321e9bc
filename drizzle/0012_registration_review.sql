CREATE TABLE "open_facilities" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"default_group_id" uuid NOT NULL,
	"allowed_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registration_requests" ADD COLUMN "review_reason" text;--> statement-breakpoint
ALTER TABLE "registration_requests" ADD COLUMN "decided_automatically" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "registration_requests" ADD COLUMN "rejection_reason" text;--> statement-breakpoint
ALTER TABLE "registration_requests" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "auto_approve_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "open_facilities" ADD CONSTRAINT "open_facilities_customer_id_nodes_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_facilities" ADD CONSTRAINT "open_facilities_default_group_id_nodes_id_fk" FOREIGN KEY ("default_group_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_facilities" ADD CONSTRAINT "open_facilities_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_requests" ADD CONSTRAINT "registration_requests_facility_id_nodes_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."nodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_requests" ADD CONSTRAINT "registration_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registration_requests_facility_idx" ON "registration_requests" USING btree ("facility_id","status");