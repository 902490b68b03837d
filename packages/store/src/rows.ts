import type {
  Agent,
  Announcement,
  FileActivity,
  InboxItem,
  Message,
  SequencedEvent,
  Thread,
  WorkingFileClaim,
} from "@mcp-coordinator/core";

/**
 * Row shapes as the drivers return them: snake_case columns; JSON as text (SQLite) or already parsed
 * (PostgreSQL jsonb). Epoch-ms bigints arrive as numbers (the PostgreSQL store installs an int8 parser).
 */
type Json = string | object;

function parse<T>(value: Json): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
export interface AgentRow {
  org_id: string;
  id: string;
  name: string;
  status: string;
  registered_at: number;
  last_seen_at: number;
  last_activity_at: number | null;
  current_file: string | null;
  waiting_on_thread_id: string | null;
  modules: Json;
  metadata: Json;
}

export function toAgent(row: AgentRow): Agent {
  return {
    orgId: row.org_id,
    id: row.id,
    name: row.name,
    modules: parse<string[]>(row.modules),
    status: row.status as Agent["status"],
    registeredAt: row.registered_at,
    lastSeenAt: row.last_seen_at,
    lastActivityAt: row.last_activity_at,
    currentFile: row.current_file,
    waitingOnThreadId: row.waiting_on_thread_id,
    metadata: parse<Record<string, string>>(row.metadata),
  };
}

export interface AnnouncementRow {
  org_id: string;
  id: string;
  agent_id: string;
  subject: string;
  plan: string;
  target_files: Json;
  depends_on_files: Json;
  target_modules: Json;
  exports_affected: Json;
  thread_id: string | null;
  created_at: number;
  expires_at: number;
  released_at: number | null;
}

export function toAnnouncement(row: AnnouncementRow): Announcement {
  return {
    orgId: row.org_id,
    id: row.id,
    agentId: row.agent_id,
    subject: row.subject,
    plan: row.plan,
    targetFiles: parse<string[]>(row.target_files),
    dependsOnFiles: parse<string[]>(row.depends_on_files),
    targetModules: parse<string[]>(row.target_modules),
    exportsAffected: parse<string[]>(row.exports_affected),
    threadId: row.thread_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    releasedAt: row.released_at,
  };
}

export function toThread(row: { body: Json }): Thread {
  // Threads stored before hot-file counting carry no othersAffected: nobody was left out then.
  const thread = parse<Thread>(row.body);
  return thread.othersAffected === undefined ? { ...thread, othersAffected: NO_AFFECTED } : thread;
}

const NO_AFFECTED = Object.freeze({ count: 0, concerned: 0, grayZone: 0 });

export interface MessageRow {
  org_id: string;
  id: string;
  thread_id: string;
  agent_id: string;
  type: string;
  content: string;
  round: number;
  created_at: number;
}

export function toMessage(row: MessageRow): Message {
  return {
    orgId: row.org_id,
    id: row.id,
    threadId: row.thread_id,
    agentId: row.agent_id,
    type: row.type as Message["type"],
    content: row.content,
    round: row.round,
    createdAt: row.created_at,
  };
}

export interface FileActivityRow {
  org_id: string;
  id: string;
  agent_id: string;
  path: string;
  action: string;
  at: number;
}

export function toFileActivity(row: FileActivityRow): FileActivity {
  return {
    orgId: row.org_id,
    id: row.id,
    agentId: row.agent_id,
    path: row.path,
    action: row.action as FileActivity["action"],
    at: row.at,
  };
}

export interface ClaimRow {
  org_id: string;
  agent_id: string;
  path: string;
  claimed_at: number;
  expires_at: number;
}

export function toClaim(row: ClaimRow): WorkingFileClaim {
  return {
    orgId: row.org_id,
    agentId: row.agent_id,
    path: row.path,
    claimedAt: row.claimed_at,
    expiresAt: row.expires_at,
  };
}

export interface InboxRow {
  org_id: string;
  id: string;
  agent_id: string;
  kind: string;
  thread_id: string | null;
  from_agent_id: string | null;
  summary: string;
  created_at: number;
  delivered_at: number | null;
  acked_at: number | null;
  delivery_count: number;
}

export function toInboxItem(row: InboxRow): InboxItem {
  return {
    orgId: row.org_id,
    id: row.id,
    agentId: row.agent_id,
    kind: row.kind as InboxItem["kind"],
    threadId: row.thread_id,
    fromAgentId: row.from_agent_id,
    summary: row.summary,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    ackedAt: row.acked_at,
    deliveryCount: row.delivery_count,
  };
}

export function toSequencedEvent(row: { seq: number; body: Json }): SequencedEvent {
  return { ...parse<object>(row.body), seq: Number(row.seq) } as SequencedEvent;
}
