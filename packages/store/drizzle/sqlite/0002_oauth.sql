CREATE TABLE `oauth_authorization_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text,
	`user_id` text,
	`lookup` text,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oauth_authorization_codes_user_idx` ON `oauth_authorization_codes` (`org_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `oauth_authorization_codes_lookup_idx` ON `oauth_authorization_codes` (`lookup`);--> statement-breakpoint
CREATE INDEX `oauth_authorization_codes_expires_idx` ON `oauth_authorization_codes` (`expires_at`);--> statement-breakpoint
CREATE TABLE `oauth_clients` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text,
	`user_id` text,
	`lookup` text,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oauth_clients_user_idx` ON `oauth_clients` (`org_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `oauth_clients_lookup_idx` ON `oauth_clients` (`lookup`);--> statement-breakpoint
CREATE INDEX `oauth_clients_expires_idx` ON `oauth_clients` (`expires_at`);--> statement-breakpoint
CREATE TABLE `oauth_device_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text,
	`user_id` text,
	`lookup` text,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oauth_device_codes_user_idx` ON `oauth_device_codes` (`org_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `oauth_device_codes_lookup_idx` ON `oauth_device_codes` (`lookup`);--> statement-breakpoint
CREATE INDEX `oauth_device_codes_expires_idx` ON `oauth_device_codes` (`expires_at`);--> statement-breakpoint
CREATE TABLE `oauth_refresh_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text,
	`user_id` text,
	`lookup` text,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oauth_refresh_tokens_user_idx` ON `oauth_refresh_tokens` (`org_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `oauth_refresh_tokens_lookup_idx` ON `oauth_refresh_tokens` (`lookup`);--> statement-breakpoint
CREATE INDEX `oauth_refresh_tokens_expires_idx` ON `oauth_refresh_tokens` (`expires_at`);--> statement-breakpoint
CREATE TABLE `oauth_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text,
	`user_id` text,
	`lookup` text,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oauth_sessions_user_idx` ON `oauth_sessions` (`org_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `oauth_sessions_lookup_idx` ON `oauth_sessions` (`lookup`);--> statement-breakpoint
CREATE INDEX `oauth_sessions_expires_idx` ON `oauth_sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `oauth_token_families` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text,
	`user_id` text,
	`lookup` text,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oauth_token_families_user_idx` ON `oauth_token_families` (`org_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `oauth_token_families_lookup_idx` ON `oauth_token_families` (`lookup`);--> statement-breakpoint
CREATE INDEX `oauth_token_families_expires_idx` ON `oauth_token_families` (`expires_at`);--> statement-breakpoint
CREATE TABLE `user_token_epochs` (
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`epoch` integer NOT NULL,
	PRIMARY KEY(`org_id`, `user_id`)
);
