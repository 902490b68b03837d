CREATE INDEX "inbox_unread_heads_up_idx" ON "inbox" USING btree ("org_id","agent_id") WHERE "inbox"."kind" = 'heads_up' and "inbox"."acked_at" is null;
