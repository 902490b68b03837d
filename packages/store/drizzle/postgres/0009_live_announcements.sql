CREATE INDEX "announcements_live_agent_idx" ON "announcements" USING btree ("org_id","agent_id","created_at") WHERE "announcements"."released_at" is null;--> statement-breakpoint
CREATE INDEX "announcements_live_idx" ON "announcements" USING btree ("org_id","created_at") WHERE "announcements"."released_at" is null;
