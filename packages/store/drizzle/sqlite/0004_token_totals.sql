CREATE TABLE `token_totals` (
	`org_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`session_id` text NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`cache_read_tokens` integer NOT NULL,
	`cache_creation_tokens` integer NOT NULL,
	`turns` integer NOT NULL,
	`last_seq` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `agent_id`, `session_id`)
);
--> statement-breakpoint
CREATE INDEX `token_totals_org_updated_idx` ON `token_totals` (`org_id`,`updated_at`);