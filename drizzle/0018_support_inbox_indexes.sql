CREATE INDEX "support_issues_created_idx" ON "support_issues" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "support_issues_customer_idx" ON "support_issues" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "support_issues_market_idx" ON "support_issues" USING btree ("market_id","created_at");