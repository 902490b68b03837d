CREATE TABLE `agent_modules` (
	`org_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`position` integer NOT NULL,
	`module` text NOT NULL,
	PRIMARY KEY(`org_id`, `agent_id`, `position`),
	FOREIGN KEY (`org_id`,`agent_id`) REFERENCES `agents`(`org_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agent_modules_module_idx` ON `agent_modules` (`org_id`,`module`);--> statement-breakpoint
CREATE TABLE `agents` (
	`org_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`registered_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`last_activity_at` integer,
	`current_file` text,
	`waiting_on_thread_id` text,
	`modules` text DEFAULT '[]' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	PRIMARY KEY(`org_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `agents_org_status_idx` ON `agents` (`org_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `agents_status_seen_idx` ON `agents` (`status`,`last_seen_at`);--> statement-breakpoint
CREATE TABLE `announcement_files` (
	`org_id` text NOT NULL,
	`announcement_id` text NOT NULL,
	`kind` text NOT NULL,
	`position` integer NOT NULL,
	`path` text NOT NULL,
	PRIMARY KEY(`org_id`, `announcement_id`, `kind`, `position`),
	FOREIGN KEY (`org_id`,`announcement_id`) REFERENCES `announcements`(`org_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `announcement_files_path_idx` ON `announcement_files` (`org_id`,`path`,`kind`);--> statement-breakpoint
CREATE TABLE `announcement_modules` (
	`org_id` text NOT NULL,
	`announcement_id` text NOT NULL,
	`position` integer NOT NULL,
	`module` text NOT NULL,
	PRIMARY KEY(`org_id`, `announcement_id`, `position`),
	FOREIGN KEY (`org_id`,`announcement_id`) REFERENCES `announcements`(`org_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `announcement_modules_module_idx` ON `announcement_modules` (`org_id`,`module`);--> statement-breakpoint
CREATE TABLE `announcements` (
	`org_id` text NOT NULL,
	`id` text NOT NULL,
	`agent_id` text NOT NULL,
	`subject` text NOT NULL,
	`plan` text NOT NULL,
	`target_files` text DEFAULT '[]' NOT NULL,
	`depends_on_files` text DEFAULT '[]' NOT NULL,
	`target_modules` text DEFAULT '[]' NOT NULL,
	`exports_affected` text DEFAULT '[]' NOT NULL,
	`thread_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`released_at` integer,
	PRIMARY KEY(`org_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `announcements_agent_idx` ON `announcements` (`org_id`,`agent_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `announcements_thread_idx` ON `announcements` (`org_id`,`thread_id`);--> statement-breakpoint
CREATE INDEX `announcements_created_idx` ON `announcements` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `claims` (
	`org_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`path` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `agent_id`, `path`)
);
--> statement-breakpoint
CREATE INDEX `claims_path_idx` ON `claims` (`org_id`,`path`);--> statement-breakpoint
CREATE INDEX `claims_expires_idx` ON `claims` (`expires_at`);--> statement-breakpoint
CREATE TABLE `dependency_maps` (
	`org_id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_org_seq_idx` ON `events` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `events_at_idx` ON `events` (`at`);--> statement-breakpoint
CREATE TABLE `file_activity` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`id` text NOT NULL,
	`agent_id` text NOT NULL,
	`path` text NOT NULL,
	`action` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `file_activity_id_idx` ON `file_activity` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `file_activity_path_idx` ON `file_activity` (`org_id`,`path`,`at`);--> statement-breakpoint
CREATE INDEX `file_activity_agent_idx` ON `file_activity` (`org_id`,`agent_id`,`at`);--> statement-breakpoint
CREATE INDEX `file_activity_org_at_idx` ON `file_activity` (`org_id`,`at`);--> statement-breakpoint
CREATE INDEX `file_activity_at_idx` ON `file_activity` (`at`);--> statement-breakpoint
CREATE TABLE `inbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`id` text NOT NULL,
	`agent_id` text NOT NULL,
	`kind` text NOT NULL,
	`thread_id` text,
	`from_agent_id` text,
	`summary` text NOT NULL,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	`acked_at` integer,
	`delivery_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inbox_agent_idx` ON `inbox` (`org_id`,`agent_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_id_idx` ON `inbox` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `inbox_acked_idx` ON `inbox` (`acked_at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`id` text NOT NULL,
	`thread_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`type` text NOT NULL,
	`content` text NOT NULL,
	`round` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `messages_thread_idx` ON `messages` (`org_id`,`thread_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_id_idx` ON `messages` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `messages_created_idx` ON `messages` (`created_at`);--> statement-breakpoint
CREATE TABLE `store_migrations` (
	`version` integer PRIMARY KEY NOT NULL,
	`tag` text NOT NULL,
	`applied_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `thread_participants` (
	`org_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`agent_id` text NOT NULL,
	PRIMARY KEY(`org_id`, `thread_id`, `agent_id`),
	FOREIGN KEY (`org_id`,`thread_id`) REFERENCES `threads`(`org_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `thread_participants_agent_idx` ON `thread_participants` (`org_id`,`agent_id`);--> statement-breakpoint
CREATE TABLE `threads` (
	`org_id` text NOT NULL,
	`id` text NOT NULL,
	`status` text NOT NULL,
	`task_state` text NOT NULL,
	`initiator_id` text NOT NULL,
	`claimant_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`org_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `threads_org_created_idx` ON `threads` (`org_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `threads_deadline_idx` ON `threads` (`status`,`deadline_at`);