CREATE TABLE "audit_anchors" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"hash" "bytea" NOT NULL,
	"key_id" text NOT NULL,
	"mac" "bytea" NOT NULL,
	"anchored_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_verifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"whole" boolean NOT NULL,
	"from_seq" bigint NOT NULL,
	"through_seq" bigint NOT NULL,
	"through_hash" "bytea",
	"intact" boolean NOT NULL,
	"first_broken" jsonb,
	"erased_entries" bigint DEFAULT 0 NOT NULL,
	"key_id" text NOT NULL,
	"mac" "bytea" NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_verifications_intact_idx" ON "audit_verifications" USING btree ("intact","through_seq");