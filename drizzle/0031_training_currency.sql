CREATE TYPE "public"."training_reminder_stage" AS ENUM('due_soon', 'overdue');--> statement-breakpoint
CREATE TABLE "training_reminders" (
	"user_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"counts_from_version" integer NOT NULL,
	"stage" "training_reminder_stage" NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_reminders_user_id_item_id_counts_from_version_stage_pk" PRIMARY KEY("user_id","item_id","counts_from_version","stage")
);
--> statement-breakpoint
ALTER TABLE "content_items" ADD COLUMN "training_due_days" smallint DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "content_items" ADD COLUMN "counts_from_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "training_reminders" ADD CONSTRAINT "training_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_reminders" ADD CONSTRAINT "training_reminders_item_id_content_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;