CREATE TABLE `announced_symbols` (
	`org_id` text NOT NULL,
	`announcement_id` text NOT NULL,
	`path` text NOT NULL,
	`agent_id` text NOT NULL,
	`symbols` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `announcement_id`, `path`)
);
--> statement-breakpoint
CREATE INDEX `announced_symbols_agent_idx` ON `announced_symbols` (`org_id`,`agent_id`);
--> statement-breakpoint
CREATE INDEX `announced_symbols_expires_idx` ON `announced_symbols` (`expires_at`);
--> statement-breakpoint
CREATE TABLE `edited_symbols` (
	`org_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`path` text NOT NULL,
	`symbol` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `agent_id`, `path`, `symbol`)
);
--> statement-breakpoint
CREATE INDEX `edited_symbols_path_idx` ON `edited_symbols` (`org_id`,`path`,`at`);
--> statement-breakpoint
CREATE INDEX `edited_symbols_at_idx` ON `edited_symbols` (`at`);
