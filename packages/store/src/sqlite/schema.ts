/**
 * SQLite schema: the source drizzle-kit generates drizzle/sqlite from. Runtime queries are hand-written,
 * prepared SQL over these tables (see README: the hot path is a handful of prepared statements).
 *
 * Lists the store queries by element (announcement files and modules, agent modules, thread
 * participants) are child tables with indexes; lists only ever read whole (approvals, impacts, …) are
 * JSON text columns. Every row carries org_id; every instant is epoch milliseconds.
 */

import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

export const agents = sqliteTable(
  "agents",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    status: text("status").notNull(),
    registeredAt: integer("registered_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    lastActivityAt: integer("last_activity_at"),
    currentFile: text("current_file"),
    waitingOnThreadId: text("waiting_on_thread_id"),
    /** Read-back copy of agent_modules (which is the indexed lookup). */
    modules: text("modules").notNull().default("[]"),
    metadata: text("metadata").notNull().default("{}"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("agents_org_status_idx").on(t.orgId, t.status, t.id),
    index("agents_status_seen_idx").on(t.status, t.lastSeenAt),
  ],
);

export const agentModules = sqliteTable(
  "agent_modules",
  {
    orgId: text("org_id").notNull(),
    agentId: text("agent_id").notNull(),
    position: integer("position").notNull(),
    module: text("module").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.agentId, t.position] }),
    index("agent_modules_module_idx").on(t.orgId, t.module),
    foreignKey({ columns: [t.orgId, t.agentId], foreignColumns: [agents.orgId, agents.id] }).onDelete(
      "cascade",
    ),
  ],
);

export const announcements = sqliteTable(
  "announcements",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    agentId: text("agent_id").notNull(),
    subject: text("subject").notNull(),
    plan: text("plan").notNull(),
    /** Read-back copies of announcement_files / announcement_modules (which are the indexed lookups). */
    targetFiles: text("target_files").notNull().default("[]"),
    dependsOnFiles: text("depends_on_files").notNull().default("[]"),
    targetModules: text("target_modules").notNull().default("[]"),
    exportsAffected: text("exports_affected").notNull().default("[]"),
    threadId: text("thread_id"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    releasedAt: integer("released_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("announcements_agent_idx").on(t.orgId, t.agentId, t.createdAt),
    index("announcements_thread_idx").on(t.orgId, t.threadId),
    index("announcements_created_idx").on(t.orgId, t.createdAt),
    // Live announcements only: "an agent's (or the org's) active announcements" is read on every announce
    // and every post-edit hook, and released rows stay for a day (retention) before they are pruned.
    index("announcements_live_agent_idx")
      .on(t.orgId, t.agentId, t.createdAt)
      .where(sql`${t.releasedAt} is null`),
    index("announcements_live_idx").on(t.orgId, t.createdAt).where(sql`${t.releasedAt} is null`),
  ],
);

/** kind: "target" (targetFiles) or "depends" (dependsOnFiles). */
export const announcementFiles = sqliteTable(
  "announcement_files",
  {
    orgId: text("org_id").notNull(),
    announcementId: text("announcement_id").notNull(),
    kind: text("kind").notNull(),
    position: integer("position").notNull(),
    path: text("path").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.announcementId, t.kind, t.position] }),
    index("announcement_files_path_idx").on(t.orgId, t.path, t.kind),
    foreignKey({
      columns: [t.orgId, t.announcementId],
      foreignColumns: [announcements.orgId, announcements.id],
    }).onDelete("cascade"),
  ],
);

export const announcementModules = sqliteTable(
  "announcement_modules",
  {
    orgId: text("org_id").notNull(),
    announcementId: text("announcement_id").notNull(),
    position: integer("position").notNull(),
    module: text("module").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.announcementId, t.position] }),
    index("announcement_modules_module_idx").on(t.orgId, t.module),
    foreignKey({
      columns: [t.orgId, t.announcementId],
      foreignColumns: [announcements.orgId, announcements.id],
    }).onDelete("cascade"),
  ],
);

export const threads = sqliteTable(
  "threads",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    status: text("status").notNull(),
    taskState: text("task_state").notNull(),
    initiatorId: text("initiator_id").notNull(),
    claimantId: text("claimant_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    deadlineAt: integer("deadline_at").notNull(),
    version: integer("version").notNull(),
    /** The whole Thread as JSON: columns above are the indexed projections of it. */
    body: text("body").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("threads_org_created_idx").on(t.orgId, t.createdAt),
    index("threads_deadline_idx").on(t.status, t.deadlineAt),
  ],
);

/** Initiator, respondents and claimant: what ThreadFilter.agentId looks up. */
export const threadParticipants = sqliteTable(
  "thread_participants",
  {
    orgId: text("org_id").notNull(),
    threadId: text("thread_id").notNull(),
    agentId: text("agent_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.threadId, t.agentId] }),
    index("thread_participants_agent_idx").on(t.orgId, t.agentId),
    foreignKey({ columns: [t.orgId, t.threadId], foreignColumns: [threads.orgId, threads.id] }).onDelete(
      "cascade",
    ),
  ],
);

export const messages = sqliteTable(
  "messages",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    threadId: text("thread_id").notNull(),
    agentId: text("agent_id").notNull(),
    type: text("type").notNull(),
    content: text("content").notNull(),
    round: integer("round").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("messages_thread_idx").on(t.orgId, t.threadId, t.createdAt),
    uniqueIndex("messages_id_idx").on(t.orgId, t.id),
    index("messages_created_idx").on(t.createdAt),
  ],
);

export const fileActivity = sqliteTable(
  "file_activity",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    agentId: text("agent_id").notNull(),
    path: text("path").notNull(),
    action: text("action").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [
    uniqueIndex("file_activity_id_idx").on(t.orgId, t.id),
    index("file_activity_path_idx").on(t.orgId, t.path, t.at),
    index("file_activity_agent_idx").on(t.orgId, t.agentId, t.at),
    index("file_activity_org_at_idx").on(t.orgId, t.at),
    index("file_activity_at_idx").on(t.at),
  ],
);

export const claims = sqliteTable(
  "claims",
  {
    orgId: text("org_id").notNull(),
    agentId: text("agent_id").notNull(),
    path: text("path").notNull(),
    claimedAt: integer("claimed_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.agentId, t.path] }),
    index("claims_path_idx").on(t.orgId, t.path),
    index("claims_expires_idx").on(t.expiresAt),
  ],
);

export const dependencyMaps = sqliteTable("dependency_maps", {
  orgId: text("org_id").primaryKey(),
  body: text("body").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const inbox = sqliteTable(
  "inbox",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    agentId: text("agent_id").notNull(),
    kind: text("kind").notNull(),
    threadId: text("thread_id"),
    fromAgentId: text("from_agent_id"),
    summary: text("summary").notNull(),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
    ackedAt: integer("acked_at"),
    deliveryCount: integer("delivery_count").notNull().default(0),
  },
  (t) => [
    index("inbox_agent_idx").on(t.orgId, t.agentId, t.createdAt),
    uniqueIndex("inbox_id_idx").on(t.orgId, t.id),
    index("inbox_acked_idx").on(t.ackedAt),
    // "Has this agent an unread heads-up?", asked for every agent a hot-file announcement tells (see
    // appendInbox): answered from this small index, without touching the inbox itself.
    index("inbox_unread_heads_up_idx")
      .on(t.orgId, t.agentId)
      .where(sql`${t.kind} = 'heads_up' and ${t.ackedAt} is null`),
  ],
);

export const events = sqliteTable(
  "events",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    orgId: text("org_id").notNull(),
    type: text("type").notNull(),
    at: integer("at").notNull(),
    body: text("body").notNull(),
  },
  (t) => [index("events_org_seq_idx").on(t.orgId, t.seq), index("events_at_idx").on(t.at)],
);

/**
 * The transactional outbox: one row per logged event not yet handed to the broker, written in the
 * transaction that logs the event and deleted once it is published. A restart replays what is left.
 */
export const eventOutbox = sqliteTable(
  "event_outbox",
  {
    seq: integer("seq").primaryKey(),
    orgId: text("org_id").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [foreignKey({ columns: [t.seq], foreignColumns: [events.seq] }).onDelete("cascade")],
);

/** Applied migrations; the highest version is the schema version of the file. */
export const storeMigrations = sqliteTable("store_migrations", {
  version: integer("version").primaryKey(),
  tag: text("tag").notNull(),
  appliedAt: integer("applied_at").notNull(),
});

// ── Identity model: orgs, users, memberships, tokens, agent owners ─────────────────────────────────

export const orgs = sqliteTable("orgs", {
  orgId: text("org_id").primaryKey(),
  name: text("name").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Per org, like every row: a person in two orgs is two rows with the same id. */
export const users = sqliteTable(
  "users",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const memberships = sqliteTable(
  "memberships",
  {
    orgId: text("org_id").notNull(),
    userId: text("user_id").notNull(),
    role: text("role").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

/** Only the SHA-256 of a token is stored; `id` is its jti. */
export const tokens = sqliteTable(
  "tokens",
  {
    orgId: text("org_id").notNull(),
    id: text("id").notNull(),
    userId: text("user_id").notNull(),
    kind: text("kind").notNull(),
    hash: text("hash").notNull(),
    role: text("role"),
    agentId: text("agent_id"),
    scopes: text("scopes").notNull().default("[]"),
    name: text("name"),
    reason: text("reason"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("tokens_id_idx").on(t.id),
    uniqueIndex("tokens_hash_idx").on(t.hash),
    index("tokens_user_idx").on(t.orgId, t.userId, t.createdAt),
  ],
);

/** The first registrant of an agent id; the primary key makes concurrent first registrations single-winner. */
export const agentOwners = sqliteTable(
  "agent_owners",
  {
    orgId: text("org_id").notNull(),
    agentId: text("agent_id").notNull(),
    ownerUserId: text("owner_user_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.agentId] })],
);

// ── OAuth authorization server: one table per artefact, same columns (core's OAuthRow) ──────────────

function oauthTable<N extends string>(name: N) {
  return sqliteTable(
    name,
    {
      id: text("id").primaryKey(),
      orgId: text("org_id"),
      userId: text("user_id"),
      lookup: text("lookup"),
      data: text("data").notNull(),
      createdAt: integer("created_at").notNull(),
      expiresAt: integer("expires_at").notNull(),
      version: integer("version").notNull(),
    },
    (t) => [
      index(`${name}_user_idx`).on(t.orgId, t.userId, t.createdAt),
      index(`${name}_lookup_idx`).on(t.lookup),
      index(`${name}_expires_idx`).on(t.expiresAt),
    ],
  );
}

export const oauthClients = oauthTable("oauth_clients");
export const oauthAuthorizationCodes = oauthTable("oauth_authorization_codes");
export const oauthDeviceCodes = oauthTable("oauth_device_codes");
export const oauthRefreshTokens = oauthTable("oauth_refresh_tokens");
export const oauthTokenFamilies = oauthTable("oauth_token_families");
export const oauthSessions = oauthTable("oauth_sessions");

/** "Log out everywhere" bumps the epoch; tokens issued under an older one stop working. */
export const userTokenEpochs = sqliteTable(
  "user_token_epochs",
  {
    orgId: text("org_id").notNull(),
    userId: text("user_id").notNull(),
    epoch: integer("epoch").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);
/**
 * The audit log: one hash chain per org, apart from the pruned event log. `details` is the canonical
 * text that was hashed; records are only ever appended, and removed by retention behind a checkpoint.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    orgId: text("org_id").notNull(),
    seq: integer("seq").notNull(),
    at: integer("at").notNull(),
    action: text("action").notNull(),
    target: text("target"),
    actorUserId: text("actor_user_id"),
    actorAgentId: text("actor_agent_id"),
    requestId: text("request_id"),
    details: text("details").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.seq] }), index("audit_log_org_at_idx").on(t.orgId, t.at)],
);

/** Each org's newest audit record: the row appends lock, and what shows that newest records were deleted. */
export const auditHeads = sqliteTable("audit_heads", {
  orgId: text("org_id").primaryKey(),
  seq: integer("seq").notNull(),
  hash: text("hash").notNull(),
});

/** Model tokens per agent and client session, summed from the token_usage events as they are logged. */
export const tokenTotals = sqliteTable(
  "token_totals",
  {
    orgId: text("org_id").notNull(),
    agentId: text("agent_id").notNull(),
    sessionId: text("session_id").notNull(),
    inputTokens: integer("input_tokens").notNull(),
    outputTokens: integer("output_tokens").notNull(),
    cacheReadTokens: integer("cache_read_tokens").notNull(),
    cacheCreationTokens: integer("cache_creation_tokens").notNull(),
    turns: integer("turns").notNull(),
    lastSeq: integer("last_seq").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.agentId, t.sessionId] }),
    index("token_totals_org_updated_idx").on(t.orgId, t.updatedAt),
  ],
);

/**
 * MCP Streamable HTTP sessions (see the PostgreSQL schema): with SQLite there is one instance, and a
 * session survives its restart.
 */
export const mcpSessions = sqliteTable(
  "mcp_sessions",
  {
    sessionId: text("session_id").primaryKey(),
    orgId: text("org_id").notNull(),
    userId: text("user_id").notNull(),
    profile: text("profile").notNull(),
    initialize: text("initialize").notNull(),
    agentId: text("agent_id"),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (t) => [index("mcp_sessions_seen_idx").on(t.lastSeenAt)],
);

/** Layer 4's latest git co-change scan, one row per repository (see the PostgreSQL schema). */
export const coChangeSnapshots = sqliteTable("co_change_snapshots", {
  repo: text("repo").primaryKey(),
  version: integer("version").notNull(),
  builtAt: integer("built_at").notNull(),
  commitsScanned: integer("commits_scanned").notNull(),
  commitsSkipped: integer("commits_skipped").notNull(),
  pairs: text("pairs").notNull(),
});

/**
 * What an announcement named with `target_symbols` (or grew to by intent drift), one row per file: the
 * names as a JSON array, `(module)` for the file's shared state. Dropped when the announcement is
 * released or its agent goes offline, pruned once `expires_at` (the announcement's own) passes.
 */
export const announcedSymbols = sqliteTable(
  "announced_symbols",
  {
    orgId: text("org_id").notNull(),
    announcementId: text("announcement_id").notNull(),
    path: text("path").notNull(),
    agentId: text("agent_id").notNull(),
    symbols: text("symbols").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.announcementId, t.path] }),
    index("announced_symbols_agent_idx").on(t.orgId, t.agentId),
    index("announced_symbols_expires_idx").on(t.expiresAt),
  ],
);

/**
 * The symbols observed edits touched: one row per agent, file and symbol with its latest edit time, so
 * "the union of the edits since t" is a range read and the table stays as small as the symbols touched.
 */
export const editedSymbols = sqliteTable(
  "edited_symbols",
  {
    orgId: text("org_id").notNull(),
    agentId: text("agent_id").notNull(),
    path: text("path").notNull(),
    symbol: text("symbol").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.agentId, t.path, t.symbol] }),
    index("edited_symbols_path_idx").on(t.orgId, t.path, t.at),
    index("edited_symbols_at_idx").on(t.at),
  ],
);
