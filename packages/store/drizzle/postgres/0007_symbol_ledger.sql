CREATE TABLE "announced_symbols" (
	"org_id" text COLLATE "C" NOT NULL,
	"announcement_id" text COLLATE "C" NOT NULL,
	"path" text COLLATE "C" NOT NULL,
	"agent_id" text COLLATE "C" NOT NULL,
	"symbols" jsonb NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "announced_symbols_org_id_announcement_id_path_pk" PRIMARY KEY("org_id","announcement_id","path")
);
--> statement-breakpoint
CREATE INDEX "announced_symbols_agent_idx" ON "announced_symbols" USING btree ("org_id","agent_id");
--> statement-breakpoint
CREATE INDEX "announced_symbols_expires_idx" ON "announced_symbols" USING btree ("expires_at");
--> statement-breakpoint
CREATE TABLE "edited_symbols" (
	"org_id" text COLLATE "C" NOT NULL,
	"agent_id" text COLLATE "C" NOT NULL,
	"path" text COLLATE "C" NOT NULL,
	"symbol" text COLLATE "C" NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "edited_symbols_org_id_agent_id_path_symbol_pk" PRIMARY KEY("org_id","agent_id","path","symbol")
);
--> statement-breakpoint
CREATE INDEX "edited_symbols_path_idx" ON "edited_symbols" USING btree ("org_id","path","at");
--> statement-breakpoint
CREATE INDEX "edited_symbols_at_idx" ON "edited_symbols" USING btree ("at");
