CREATE TABLE "token_totals" (
	"org_id" text COLLATE "C" NOT NULL,
	"agent_id" text COLLATE "C" NOT NULL,
	"session_id" text COLLATE "C" NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"cache_read_tokens" bigint NOT NULL,
	"cache_creation_tokens" bigint NOT NULL,
	"turns" bigint NOT NULL,
	"last_seq" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "token_totals_org_id_agent_id_session_id_pk" PRIMARY KEY("org_id","agent_id","session_id")
);
--> statement-breakpoint
CREATE INDEX "token_totals_org_updated_idx" ON "token_totals" USING btree ("org_id","updated_at");