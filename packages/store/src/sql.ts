import type { Agent, InboxItem, Thread } from "@mcp-coordinator/core";
import { LIVE_THREAD_STATUSES } from "./ordering.js";

/** A value bound as JSON text: SQLite reads it with json_each, PostgreSQL casts it to jsonb. */
export const json = (value: unknown): string => JSON.stringify(value);

/** LIVE_THREAD_STATUSES as an SQL list, for `status IN ${LIVE}`. */
export const LIVE = `('${LIVE_THREAD_STATUSES.join("','")}')`;

/** The thread row's columns, in table order: org_id … version, then the JSON body. */
export function threadColumns(thread: Thread): unknown[] {
  return [
    thread.orgId,
    thread.id,
    thread.status,
    thread.task.state,
    thread.initiatorId,
    thread.task.claimantId,
    thread.createdAt,
    thread.updatedAt,
    thread.deadlineAt,
    thread.version,
    json(thread),
  ];
}

/** The agent row's columns, in table order: org_id … waiting_on_thread_id, modules and metadata as JSON. */
export function agentColumns(agent: Agent): unknown[] {
  return [
    agent.orgId,
    agent.id,
    agent.name,
    agent.status,
    agent.registeredAt,
    agent.lastSeenAt,
    agent.lastActivityAt,
    agent.currentFile,
    agent.waitingOnThreadId,
    json(agent.modules),
    json(agent.metadata),
  ];
}

/** The inbox row's columns, in table order: org_id … delivery_count. */
export function inboxColumns(item: InboxItem): unknown[] {
  return [
    item.orgId,
    item.id,
    item.agentId,
    item.kind,
    item.threadId,
    item.fromAgentId,
    item.summary,
    item.createdAt,
    item.deliveredAt,
    item.ackedAt,
    item.deliveryCount,
  ];
}
