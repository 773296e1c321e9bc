CREATE TYPE "public"."content_signature_meaning" AS ENUM('approved', 'published');--> statement-breakpoint
CREATE TABLE "content_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"signer_id" uuid,
	"signer_name" text NOT NULL,
	"meaning" "content_signature_meaning" NOT NULL,
	"content_hash" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text
);
--> statement-breakpoint
ALTER TABLE "content_signatures" ADD CONSTRAINT "content_signatures_version_id_content_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."content_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_signatures" ADD CONSTRAINT "content_signatures_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "content_signatures_version_meaning_idx" ON "content_signatures" USING btree ("version_id","meaning");