CREATE TABLE "audit_heads" (
	"org_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text COLLATE "C" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"org_id" text COLLATE "C" NOT NULL,
	"seq" bigint NOT NULL,
	"at" bigint NOT NULL,
	"action" text COLLATE "C" NOT NULL,
	"target" text COLLATE "C",
	"actor_user_id" text COLLATE "C",
	"actor_agent_id" text COLLATE "C",
	"request_id" text COLLATE "C",
	"details" text COLLATE "C" NOT NULL,
	"prev_hash" text COLLATE "C" NOT NULL,
	"hash" text COLLATE "C" NOT NULL,
	CONSTRAINT "audit_log_org_id_seq_pk" PRIMARY KEY("org_id","seq")
);
--> statement-breakpoint
CREATE INDEX "audit_log_org_at_idx" ON "audit_log" USING btree ("org_id","at");