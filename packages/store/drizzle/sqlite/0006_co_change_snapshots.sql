CREATE TABLE `co_change_snapshots` (
	`repo` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`built_at` integer NOT NULL,
	`commits_scanned` integer NOT NULL,
	`commits_skipped` integer NOT NULL,
	`pairs` text NOT NULL
);
