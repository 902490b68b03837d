CREATE TABLE "co_change_snapshots" (
	"repo" text COLLATE "C" PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"built_at" bigint NOT NULL,
	"commits_scanned" integer NOT NULL,
	"commits_skipped" integer NOT NULL,
	"pairs" text NOT NULL
);
