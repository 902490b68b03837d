CREATE TABLE "agent_modules" (
	"org_id" text COLLATE "C" NOT NULL,
	"agent_id" text COLLATE "C" NOT NULL,
	"position" integer NOT NULL,
	"module" text COLLATE "C" NOT NULL,
	CONSTRAINT "agent_modules_org_id_agent_id_position_pk" PRIMARY KEY("org_id","agent_id","position")
);
--> statement-breakpoint
CREATE TABLE "agents" (
	"org_id" text COLLATE "C" NOT NULL,
	"id" text COLLATE "C" NOT NULL,
	"name" text COLLATE "C" NOT NULL,
	"status" text COLLATE "C" NOT NULL,
	"registered_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	"last_activity_at" bigint,
	"current_file" text COLLATE "C",
	"waiting_on_thread_id" text COLLATE "C",
	"modules" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	CONSTRAINT "agents_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "announcement_files" (
	"org_id" text COLLATE "C" NOT NULL,
	"announcement_id" text COLLATE "C" NOT NULL,
	"kind" text COLLATE "C" NOT NULL,
	"position" integer NOT NULL,
	"path" text COLLATE "C" NOT NULL,
	CONSTRAINT "announcement_files_org_id_announcement_id_kind_position_pk" PRIMARY KEY("org_id","announcement_id","kind","position")
);
--> statement-breakpoint
CREATE TABLE "announcement_modules" (
	"org_id" text COLLATE "C" NOT NULL,
	"announcement_id" text COLLATE "C" NOT NULL,
	"position" integer NOT NULL,
	"module" text COLLATE "C" NOT NULL,
	CONSTRAINT "announcement_modules_org_id_announcement_id_position_pk" PRIMARY KEY("org_id","announcement_id","position")
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"org_id" text COLLATE "C" NOT NULL,
	"id" text COLLATE "C" NOT NULL,
	"agent_id" text COLLATE "C" NOT NULL,
	"subject" text COLLATE "C" NOT NULL,
	"plan" text COLLATE "C" NOT NULL,
	"target_files" jsonb NOT NULL,
	"depends_on_files" jsonb NOT NULL,
	"target_modules" jsonb NOT NULL,
	"exports_affected" jsonb NOT NULL,
	"thread_id" text COLLATE "C",
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"released_at" bigint,
	CONSTRAINT "announcements_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"org_id" text COLLATE "C" NOT NULL,
	"agent_id" text COLLATE "C" NOT NULL,
	"path" text COLLATE "C" NOT NULL,
	"claimed_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "claims_org_id_agent_id_path_pk" PRIMARY KEY("org_id","agent_id","path")
);
--> statement-breakpoint
CREATE TABLE "dependency_maps" (
	"org_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"body" jsonb NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" text COLLATE "C" NOT NULL,
	"type" text COLLATE "C" NOT NULL,
	"at" bigint NOT NULL,
	"body" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_activity" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "file_activity_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" text COLLATE "C" NOT NULL,
	"id" text COLLATE "C" NOT NULL,
	"agent_id" text COLLATE "C" NOT NULL,
	"path" text COLLATE "C" NOT NULL,
	"action" text COLLATE "C" NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inbox_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" text COLLATE "C" NOT NULL,
	"id" text COLLATE "C" NOT NULL,
	"agent_id" text COLLATE "C" NOT NULL,
	"kind" text COLLATE "C" NOT NULL,
	"thread_id" text COLLATE "C",
	"from_agent_id" text COLLATE "C",
	"summary" text COLLATE "C" NOT NULL,
	"created_at" bigint NOT NULL,
	"delivered_at" bigint,
	"acked_at" bigint,
	"delivery_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "messages_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" text COLLATE "C" NOT NULL,
	"id" text COLLATE "C" NOT NULL,
	"thread_id" text COLLATE "C" NOT NULL,
	"agent_id" text COLLATE "C" NOT NULL,
	"type" text COLLATE "C" NOT NULL,
	"content" text COLLATE "C" NOT NULL,
	"round" integer NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "store_migrations" (
	"version" integer PRIMARY KEY NOT NULL,
	"tag" text COLLATE "C" NOT NULL,
	"applied_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "thread_participants" (
	"org_id" text COLLATE "C" NOT NULL,
	"thread_id" text COLLATE "C" NOT NULL,
	"agent_id" text COLLATE "C" NOT NULL,
	CONSTRAINT "thread_participants_org_id_thread_id_agent_id_pk" PRIMARY KEY("org_id","thread_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "threads" (
	"org_id" text COLLATE "C" NOT NULL,
	"id" text COLLATE "C" NOT NULL,
	"status" text COLLATE "C" NOT NULL,
	"task_state" text COLLATE "C" NOT NULL,
	"initiator_id" text COLLATE "C" NOT NULL,
	"claimant_id" text COLLATE "C",
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"deadline_at" bigint NOT NULL,
	"version" integer NOT NULL,
	"body" jsonb NOT NULL,
	CONSTRAINT "threads_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "agent_modules" ADD CONSTRAINT "agent_modules_org_id_agent_id_agents_org_id_id_fk" FOREIGN KEY ("org_id","agent_id") REFERENCES "public"."agents"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_files" ADD CONSTRAINT "announcement_files_org_id_announcement_id_announcements_org_id_id_fk" FOREIGN KEY ("org_id","announcement_id") REFERENCES "public"."announcements"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_modules" ADD CONSTRAINT "announcement_modules_org_id_announcement_id_announcements_org_id_id_fk" FOREIGN KEY ("org_id","announcement_id") REFERENCES "public"."announcements"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_participants" ADD CONSTRAINT "thread_participants_org_id_thread_id_threads_org_id_id_fk" FOREIGN KEY ("org_id","thread_id") REFERENCES "public"."threads"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_modules_module_idx" ON "agent_modules" USING btree ("org_id","module");--> statement-breakpoint
CREATE INDEX "agents_org_status_idx" ON "agents" USING btree ("org_id","status","id");--> statement-breakpoint
CREATE INDEX "agents_status_seen_idx" ON "agents" USING btree ("status","last_seen_at");--> statement-breakpoint
CREATE INDEX "announcement_files_path_idx" ON "announcement_files" USING btree ("org_id","path","kind");--> statement-breakpoint
CREATE INDEX "announcement_modules_module_idx" ON "announcement_modules" USING btree ("org_id","module");--> statement-breakpoint
CREATE INDEX "announcements_agent_idx" ON "announcements" USING btree ("org_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "announcements_thread_idx" ON "announcements" USING btree ("org_id","thread_id");--> statement-breakpoint
CREATE INDEX "announcements_created_idx" ON "announcements" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "claims_path_idx" ON "claims" USING btree ("org_id","path");--> statement-breakpoint
CREATE INDEX "claims_expires_idx" ON "claims" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "events_org_seq_idx" ON "events" USING btree ("org_id","seq");--> statement-breakpoint
CREATE INDEX "events_at_idx" ON "events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "file_activity_id_idx" ON "file_activity" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "file_activity_path_idx" ON "file_activity" USING btree ("org_id","path","at");--> statement-breakpoint
CREATE INDEX "file_activity_agent_idx" ON "file_activity" USING btree ("org_id","agent_id","at");--> statement-breakpoint
CREATE INDEX "file_activity_org_at_idx" ON "file_activity" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "file_activity_at_idx" ON "file_activity" USING btree ("at");--> statement-breakpoint
CREATE INDEX "inbox_agent_idx" ON "inbox" USING btree ("org_id","agent_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_id_idx" ON "inbox" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "inbox_acked_idx" ON "inbox" USING btree ("acked_at");--> statement-breakpoint
CREATE INDEX "messages_thread_idx" ON "messages" USING btree ("org_id","thread_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_id_idx" ON "messages" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "messages_created_idx" ON "messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "thread_participants_agent_idx" ON "thread_participants" USING btree ("org_id","agent_id");--> statement-breakpoint
CREATE INDEX "threads_org_created_idx" ON "threads" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "threads_deadline_idx" ON "threads" USING btree ("status","deadline_at");