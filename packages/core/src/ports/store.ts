import type { CoordinatorEvent, SequencedEvent } from "../events.js";
import type { Agent, AgentStatus } from "../model/agent.js";
import type { Announcement } from "../model/announcement.js";
import type { DependencyMap } from "../model/dependency-map.js";
import type { EvidenceQuery, ScoringEvidence } from "../model/evidence.js";
import type { FileActivity, WorkingFileClaim } from "../model/file-activity.js";
import type { InboxItem } from "../model/inbox.js";
import type { Message, TaskState, Thread, ThreadStatus } from "../model/thread.js";
import type { AuditLogTx } from "./audit-log.js";
import type { IdentityTx } from "./identity-store.js";
import type { OAuthTx } from "./oauth-store.js";
import type { SymbolLedgerTx } from "./symbol-ledger.js";
import type { TokenTotalsTx } from "./token-totals.js";

export interface ThreadFilter {
  readonly statuses?: readonly ThreadStatus[];
  /** Threads where this agent is initiator, respondent or claimant. */
  readonly agentId?: string;
  readonly taskStates?: readonly TaskState[];
  /** Newest first; default 100. */
  readonly limit?: number;
}

export interface FileActivityFilter {
  readonly agentId?: string;
  readonly paths?: readonly string[];
  readonly since?: number;
  /** Newest first; default 500. */
  readonly limit?: number;
}

export interface InboxFilter {
  /** Only items not yet acknowledged (the default). */
  readonly unackedOnly?: boolean;
  /** Oldest first; default 100. */
  readonly limit?: number;
}

export interface InboxPatch {
  /** Marks the items delivered and increments their delivery count. */
  readonly deliveredAt?: number;
  readonly ackedAt?: number;
}

/**
 * Reads and writes inside one transaction. Everything is scoped by org. Lists come back in the order
 * each method documents so that every adapter answers identically (the contract suite checks it).
 * The identity model (orgs, users, memberships, tokens, agent ownership) is part of it: see IdentityTx;
 * so are the OAuth authorization server's tables: see OAuthTx.
 */
export interface StoreTx extends IdentityTx, OAuthTx {
  /** The tamper-evident audit log; appends commit or roll back with the rest of the transaction. */
  readonly audit: AuditLogTx;
  /** Token totals per agent and session, summed from the token_usage events as they are logged. */
  readonly tokenTotals: TokenTotalsTx;
  /** Symbols of announcements and observed edits, written with the announce or the edit. */
  readonly symbols: SymbolLedgerTx;

  getAgent(orgId: string, agentId: string): Promise<Agent | null>;
  listAgents(orgId: string, filter?: { readonly status?: AgentStatus }): Promise<Agent[]>;
  /** Online agents of every org last seen before `before` (the heartbeat TTL sweep). */
  listStaleAgents(before: number): Promise<Agent[]>;
  putAgent(agent: Agent): Promise<void>;

  putAnnouncement(announcement: Announcement): Promise<void>;
  /** Oldest first. `activeAt` keeps only unreleased, unexpired announcements. */
  listAnnouncements(
    orgId: string,
    filter: { readonly agentId?: string; readonly threadId?: string; readonly activeAt?: number },
  ): Promise<Announcement[]>;

  getThread(orgId: string, threadId: string): Promise<Thread | null>;
  insertThread(thread: Thread): Promise<void>;
  /**
   * Conditional write: succeeds only when the stored version is `thread.version - 1`, otherwise throws
   * VersionConflictError. This is what makes claims and consensus single-winner across instances.
   */
  updateThread(thread: Thread): Promise<void>;
  /**
   * updateThread for many threads in a bounded number of round trips (a sweep's batch of time-outs): each
   * write is conditional on its own version, and any lost race throws VersionConflictError.
   */
  updateThreads(threads: readonly Thread[]): Promise<void>;
  listThreads(orgId: string, filter?: ThreadFilter): Promise<Thread[]>;
  /** Non-terminal threads of every org whose deadline is at or before `now`, oldest deadline first. */
  listDueThreads(now: number, limit: number): Promise<Thread[]>;

  appendMessage(message: Message): Promise<void>;
  /** appendMessage for many messages at once, stored in the order given. */
  appendMessages(messages: readonly Message[]): Promise<void>;
  /** Oldest first; `after` keeps messages created strictly after that instant. */
  listMessages(
    orgId: string,
    threadId: string,
    filter?: { readonly after?: number; readonly limit?: number },
  ): Promise<Message[]>;

  appendFileActivity(activity: FileActivity): Promise<void>;
  listFileActivity(orgId: string, filter: FileActivityFilter): Promise<FileActivity[]>;

  /** Upserts by (org, agent, path). */
  putClaims(claims: readonly WorkingFileClaim[]): Promise<void>;
  /**
   * Conditional write for "claim it if nobody else holds it": upserts the claim unless another agent holds
   * a claim on the same path still active at `claim.claimedAt`, and returns whether it wrote. Adapters
   * serialize it per (org, path), so of two transactions racing for one path exactly one claims it even
   * when both read the path as free earlier (PostgreSQL's READ COMMITTED would let both through).
   */
  claimIfFree(claim: WorkingFileClaim): Promise<boolean>;
  /** Deletes an agent's claims (all of them, or only `paths`); returns the deleted claims. */
  deleteClaims(orgId: string, agentId: string, paths?: readonly string[]): Promise<WorkingFileClaim[]>;
  /** Deletes claims of every org that expired at or before `now`; returns them. */
  deleteExpiredClaims(now: number): Promise<WorkingFileClaim[]>;
  /** Unexpired claims, ordered by path then agent. */
  listClaims(
    orgId: string,
    filter: { readonly agentId?: string; readonly paths?: readonly string[]; readonly activeAt: number },
  ): Promise<WorkingFileClaim[]>;

  /** Indexed lookup of everything that could conflict with an announcement. */
  collectEvidence(query: EvidenceQuery): Promise<ScoringEvidence>;

  getDependencyMap(orgId: string): Promise<DependencyMap | null>;
  putDependencyMap(orgId: string, map: DependencyMap): Promise<void>;

  /**
   * Stores the items, except a `heads_up` for an agent that already has an unread (unacknowledged)
   * heads-up: that agent has not looked since it was last told, and a hot file would otherwise add a row
   * per holder to every announcement (178 per announce at 1,000 agents on a Zipf file distribution).
   * The waiting heads-up stays as it is; once it is read, the next one is stored.
   */
  appendInbox(items: readonly InboxItem[]): Promise<void>;
  listInbox(orgId: string, agentId: string, filter?: InboxFilter): Promise<InboxItem[]>;
  /** Patches the recipient's items among `ids`; returns how many were changed. */
  updateInbox(orgId: string, agentId: string, ids: readonly string[], patch: InboxPatch): Promise<number>;

  /**
   * Appends to the event log, giving each event the next sequence number (strictly increasing), and
   * records each one as unpublished in the same transaction (the transactional outbox): a process that
   * dies between commit and publish leaves them there for `listUnpublishedEvents` to replay.
   */
  appendEvents(events: readonly CoordinatorEvent[]): Promise<SequencedEvent[]>;
  /**
   * Events of every org appended but not yet marked published, ascending seq, after `afterSeq` (paging)
   * and with `at` before `committedBefore` (so a replay leaves alone what a live publisher is still
   * handling). An event the retention already pruned from the log is not returned.
   */
  listUnpublishedEvents(filter: {
    readonly afterSeq: number;
    readonly committedBefore: number;
    readonly limit: number;
  }): Promise<SequencedEvent[]>;
  /** Marks events as handed to the broker: they leave the outbox. Unknown seqs are ignored. */
  markEventsPublished(seqs: readonly number[]): Promise<void>;
  /** Ascending by seq; `orgId` omitted means every org. */
  listEvents(filter: {
    readonly orgId?: string;
    readonly afterSeq: number;
    readonly limit: number;
  }): Promise<SequencedEvent[]>;
  /** How many events the org's log holds (after retention) and its highest seq (0 when empty). */
  eventLogSummary(orgId: string): Promise<EventLogSummary>;
}

export interface EventLogSummary {
  readonly count: number;
  readonly lastSeq: number;
}

/**
 * Transaction-shaped persistence. `transaction` commits when `fn` resolves and rolls every write back
 * when it throws. Adapters: in-memory (core/testing), SQLite and PostgreSQL (@mcp-coordinator/store).
 */
export interface Store {
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
