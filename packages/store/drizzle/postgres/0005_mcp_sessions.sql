CREATE TABLE "mcp_sessions" (
	"session_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"org_id" text COLLATE "C" NOT NULL,
	"user_id" text COLLATE "C" NOT NULL,
	"profile" text COLLATE "C" NOT NULL,
	"initialize" jsonb NOT NULL,
	"agent_id" text COLLATE "C",
	"created_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "mcp_sessions_seen_idx" ON "mcp_sessions" USING btree ("last_seen_at");
