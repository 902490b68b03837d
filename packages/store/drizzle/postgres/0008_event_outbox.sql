CREATE TABLE "event_outbox" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "event_outbox_seq_events_seq_fk" FOREIGN KEY ("seq") REFERENCES "events"("seq") ON DELETE cascade ON UPDATE no action
);
