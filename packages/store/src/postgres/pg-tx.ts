import type {
  Agent,
  AgentStatus,
  Announcement,
  CoordinatorEvent,
  DependencyMap,
  EvidenceQuery,
  FileActivity,
  FileActivityFilter,
  InboxFilter,
  InboxItem,
  InboxPatch,
  Message,
  ScoringEvidence,
  SequencedEvent,
  StoreTx,
  Thread,
  ThreadFilter,
  WorkingFileClaim,
} from "@mcp-coordinator/core";
import type { PoolClient } from "pg";
import * as agents from "./agents.js";
import * as dependencyMap from "./dependency-map.js";
import * as evidence from "./evidence.js";
import * as files from "./files.js";
import * as inboxEvents from "./inbox-events.js";
import { PgTxClient } from "./pg-tx-client.js";
import * as threads from "./threads.js";

/** StoreTx over one pooled client inside BEGIN … COMMIT (READ COMMITTED). */
export class PgTx implements StoreTx {
  private readonly db: PgTxClient;

  constructor(client: PoolClient) {
    this.db = new PgTxClient(client);
  }

  /** Sends buffered writes; the store calls it before COMMIT. */
  flush(): Promise<void> {
    return this.db.flush();
  }

  getAgent(orgId: string, agentId: string): Promise<Agent | null> {
    return agents.getAgent(this.db, orgId, agentId);
  }

  listAgents(orgId: string, filter?: { readonly status?: AgentStatus }): Promise<Agent[]> {
    return agents.listAgents(this.db, orgId, filter);
  }

  listStaleAgents(before: number): Promise<Agent[]> {
    return agents.listStaleAgents(this.db, before);
  }

  putAgent(agent: Agent): Promise<void> {
    return agents.putAgent(this.db, agent);
  }

  putAnnouncement(a: Announcement): Promise<void> {
    return agents.putAnnouncement(this.db, a);
  }

  listAnnouncements(
    orgId: string,
    filter: { readonly agentId?: string; readonly threadId?: string; readonly activeAt?: number },
  ): Promise<Announcement[]> {
    return agents.listAnnouncements(this.db, orgId, filter);
  }

  getThread(orgId: string, threadId: string): Promise<Thread | null> {
    return threads.getThread(this.db, orgId, threadId);
  }

  insertThread(thread: Thread): Promise<void> {
    return threads.insertThread(this.db, thread);
  }

  updateThread(thread: Thread): Promise<void> {
    return threads.updateThread(this.db, thread);
  }

  listThreads(orgId: string, filter?: ThreadFilter): Promise<Thread[]> {
    return threads.listThreads(this.db, orgId, filter);
  }

  listDueThreads(now: number, limit: number): Promise<Thread[]> {
    return threads.listDueThreads(this.db, now, limit);
  }

  appendMessage(m: Message): Promise<void> {
    return threads.appendMessage(this.db, m);
  }

  listMessages(
    orgId: string,
    threadId: string,
    filter?: { readonly after?: number; readonly limit?: number },
  ): Promise<Message[]> {
    return threads.listMessages(this.db, orgId, threadId, filter);
  }

  appendFileActivity(a: FileActivity): Promise<void> {
    return files.appendFileActivity(this.db, a);
  }

  listFileActivity(orgId: string, filter: FileActivityFilter): Promise<FileActivity[]> {
    return files.listFileActivity(this.db, orgId, filter);
  }

  putClaims(claims: readonly WorkingFileClaim[]): Promise<void> {
    return files.putClaims(this.db, claims);
  }

  claimIfFree(claim: WorkingFileClaim): Promise<boolean> {
    return files.claimIfFree(this.db, claim);
  }

  deleteClaims(orgId: string, agentId: string, paths?: readonly string[]): Promise<WorkingFileClaim[]> {
    return files.deleteClaims(this.db, orgId, agentId, paths);
  }

  deleteExpiredClaims(now: number): Promise<WorkingFileClaim[]> {
    return files.deleteExpiredClaims(this.db, now);
  }

  listClaims(
    orgId: string,
    filter: { readonly agentId?: string; readonly paths?: readonly string[]; readonly activeAt: number },
  ): Promise<WorkingFileClaim[]> {
    return files.listClaims(this.db, orgId, filter);
  }

  collectEvidence(q: EvidenceQuery): Promise<ScoringEvidence> {
    return evidence.collectEvidence(this.db, q);
  }

  getDependencyMap(orgId: string): Promise<DependencyMap | null> {
    return dependencyMap.getDependencyMap(this.db, orgId);
  }

  putDependencyMap(orgId: string, map: DependencyMap): Promise<void> {
    return dependencyMap.putDependencyMap(this.db, orgId, map);
  }

  appendInbox(items: readonly InboxItem[]): Promise<void> {
    return inboxEvents.appendInbox(this.db, items);
  }

  listInbox(orgId: string, agentId: string, filter?: InboxFilter): Promise<InboxItem[]> {
    return inboxEvents.listInbox(this.db, orgId, agentId, filter);
  }

  updateInbox(orgId: string, agentId: string, ids: readonly string[], patch: InboxPatch): Promise<number> {
    return inboxEvents.updateInbox(this.db, orgId, agentId, ids, patch);
  }

  appendEvents(events: readonly CoordinatorEvent[]): Promise<SequencedEvent[]> {
    return inboxEvents.appendEvents(this.db, events);
  }

  listEvents(filter: {
    readonly orgId?: string;
    readonly afterSeq: number;
    readonly limit: number;
  }): Promise<SequencedEvent[]> {
    return inboxEvents.listEvents(this.db, filter);
  }
}
