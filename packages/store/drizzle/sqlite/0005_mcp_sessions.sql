CREATE TABLE `mcp_sessions` (
	`session_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`profile` text NOT NULL,
	`initialize` text NOT NULL,
	`agent_id` text,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mcp_sessions_seen_idx` ON `mcp_sessions` (`last_seen_at`);
