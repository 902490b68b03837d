import type { Agent, Announcement, InboxItem, Thread } from "@mcp-coordinator/core";
import { threadParticipants } from "../ordering.js";
import { agentColumns, json, threadColumns } from "../sql.js";

/** An agent row as sent: its columns in table order, modules and metadata as JSON text. */
export type AgentValues = readonly unknown[];

/** An announcement as sent, with its lists kept apart for re-indexing after the statement. */
export interface AnnouncementValues {
  readonly columns: readonly unknown[];
  readonly orgId: string;
  readonly id: string;
  readonly targetFiles: readonly string[];
  readonly dependsOnFiles: readonly string[];
  readonly targetModules: readonly string[];
}

/** A new thread as sent: its columns (threadColumns) and its participants. */
export interface ThreadValues {
  readonly columns: readonly unknown[];
  readonly participants: readonly string[];
}

/** Everything buffered, taken out in one piece for the statement that sends it (see write-batch.ts). */
export interface WriteBatch {
  readonly agents: readonly AgentValues[];
  readonly announcements: readonly AnnouncementValues[];
  readonly threads: readonly ThreadValues[];
  /** announced_symbols rows to delete, by (org, announcement). */
  readonly forgottenSymbols: readonly (readonly [string, string])[];
  readonly inbox: readonly InboxItem[];
}

const key = (orgId: string, id: string): string => `${orgId}\u0000${id}`;

/**
 * Writes whose result nothing in the transaction reads back from the database: the agent row (its touch,
 * its waiting flag), announcements, new threads, announced-symbol deletions and inbox items. They wait
 * here and go out together in one statement, either with the events (the last statement of a use case)
 * or, when anything else is sent first, just before it, so every read still sees every earlier write.
 *
 * The batch is one statement of data-modifying CTEs, which all see the snapshot taken before it: so each
 * table is written at most once per row. Two puts of the same agent or announcement keep only the last
 * (nothing read the first one in between, or it would have been sent), and values are copied when
 * buffered, so a caller changing its object afterwards changes nothing, exactly as if it had been sent.
 */
export class PendingWrites {
  private agents = new Map<string, AgentValues>();
  private announcements = new Map<string, AnnouncementValues>();
  private threads: ThreadValues[] = [];
  private forgottenSymbols = new Map<string, readonly [string, string]>();
  private inbox: InboxItem[] = [];
  private headsUpRecipients = new Set<string>();

  get empty(): boolean {
    return (
      this.agents.size === 0 &&
      this.announcements.size === 0 &&
      this.threads.length === 0 &&
      this.forgottenSymbols.size === 0 &&
      this.inbox.length === 0
    );
  }

  /** True when nothing but this one agent's row is waiting (or nothing at all). */
  onlyAgent(orgId: string, agentId: string): boolean {
    if (this.agents.size > 1 || (this.agents.size === 1 && !this.agents.has(key(orgId, agentId)))) {
      return false;
    }
    return (
      this.announcements.size === 0 &&
      this.threads.length === 0 &&
      this.forgottenSymbols.size === 0 &&
      this.inbox.length === 0
    );
  }

  putAgent(agent: Agent): void {
    const k = key(agent.orgId, agent.id);
    // Delete first so the batch keeps the order of the last puts (row locks are taken in that order).
    this.agents.delete(k);
    this.agents.set(k, agentColumns(agent));
  }

  putAnnouncement(a: Announcement): void {
    const k = key(a.orgId, a.id);
    this.announcements.delete(k);
    this.announcements.set(k, {
      columns: [
        a.orgId,
        a.id,
        a.agentId,
        a.subject,
        a.plan,
        json(a.targetFiles),
        json(a.dependsOnFiles),
        json(a.targetModules),
        json(a.exportsAffected),
        a.threadId,
        a.createdAt,
        a.expiresAt,
        a.releasedAt,
      ],
      orgId: a.orgId,
      id: a.id,
      targetFiles: [...a.targetFiles],
      dependsOnFiles: [...a.dependsOnFiles],
      targetModules: [...a.targetModules],
    });
  }

  insertThread(thread: Thread): void {
    this.threads.push({ columns: threadColumns(thread), participants: threadParticipants(thread) });
  }

  forgetAnnouncedSymbols(orgId: string, announcementIds: readonly string[]): void {
    for (const id of announcementIds) this.forgottenSymbols.set(key(orgId, id), [orgId, id]);
  }

  appendInbox(items: readonly InboxItem[]): void {
    for (const item of items) {
      if (item.kind === "heads_up") {
        // The batch's INSERT sees only rows committed before it: a second heads-up for the same agent in
        // one batch is dropped here (the port's rule; inboxParts checks the rows already stored).
        const recipient = key(item.orgId, item.agentId);
        if (this.headsUpRecipients.has(recipient)) continue;
        this.headsUpRecipients.add(recipient);
      }
      this.inbox.push({ ...item });
    }
  }

  take(): WriteBatch {
    const batch: WriteBatch = {
      agents: [...this.agents.values()],
      announcements: [...this.announcements.values()],
      threads: this.threads,
      forgottenSymbols: [...this.forgottenSymbols.values()],
      inbox: this.inbox,
    };
    this.agents = new Map();
    this.announcements = new Map();
    this.threads = [];
    this.forgottenSymbols = new Map();
    this.inbox = [];
    this.headsUpRecipients = new Set();
    return batch;
  }
}
