CREATE TABLE "oauth_authorization_codes" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"org_id" text COLLATE "C",
	"user_id" text COLLATE "C",
	"lookup" text COLLATE "C",
	"data" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oauth_clients" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"org_id" text COLLATE "C",
	"user_id" text COLLATE "C",
	"lookup" text COLLATE "C",
	"data" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oauth_device_codes" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"org_id" text COLLATE "C",
	"user_id" text COLLATE "C",
	"lookup" text COLLATE "C",
	"data" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oauth_refresh_tokens" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"org_id" text COLLATE "C",
	"user_id" text COLLATE "C",
	"lookup" text COLLATE "C",
	"data" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oauth_sessions" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"org_id" text COLLATE "C",
	"user_id" text COLLATE "C",
	"lookup" text COLLATE "C",
	"data" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oauth_token_families" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"org_id" text COLLATE "C",
	"user_id" text COLLATE "C",
	"lookup" text COLLATE "C",
	"data" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_token_epochs" (
	"org_id" text COLLATE "C" NOT NULL,
	"user_id" text COLLATE "C" NOT NULL,
	"epoch" integer NOT NULL,
	CONSTRAINT "user_token_epochs_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "oauth_authorization_codes_user_idx" ON "oauth_authorization_codes" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "oauth_authorization_codes_lookup_idx" ON "oauth_authorization_codes" USING btree ("lookup");--> statement-breakpoint
CREATE INDEX "oauth_authorization_codes_expires_idx" ON "oauth_authorization_codes" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "oauth_clients_user_idx" ON "oauth_clients" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "oauth_clients_lookup_idx" ON "oauth_clients" USING btree ("lookup");--> statement-breakpoint
CREATE INDEX "oauth_clients_expires_idx" ON "oauth_clients" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "oauth_device_codes_user_idx" ON "oauth_device_codes" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "oauth_device_codes_lookup_idx" ON "oauth_device_codes" USING btree ("lookup");--> statement-breakpoint
CREATE INDEX "oauth_device_codes_expires_idx" ON "oauth_device_codes" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "oauth_refresh_tokens_user_idx" ON "oauth_refresh_tokens" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "oauth_refresh_tokens_lookup_idx" ON "oauth_refresh_tokens" USING btree ("lookup");--> statement-breakpoint
CREATE INDEX "oauth_refresh_tokens_expires_idx" ON "oauth_refresh_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "oauth_sessions_user_idx" ON "oauth_sessions" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "oauth_sessions_lookup_idx" ON "oauth_sessions" USING btree ("lookup");--> statement-breakpoint
CREATE INDEX "oauth_sessions_expires_idx" ON "oauth_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "oauth_token_families_user_idx" ON "oauth_token_families" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "oauth_token_families_lookup_idx" ON "oauth_token_families" USING btree ("lookup");--> statement-breakpoint
CREATE INDEX "oauth_token_families_expires_idx" ON "oauth_token_families" USING btree ("expires_at");