ALTER TABLE "email_outbox" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
CREATE INDEX "email_outbox_batch_idx" ON "email_outbox" USING btree ("batch_id") WHERE "email_outbox"."batch_id" is not null;--> statement-breakpoint
CREATE INDEX "email_outbox_provider_idx" ON "email_outbox" USING btree ("provider_message_id") WHERE "email_outbox"."provider_message_id" is not null;