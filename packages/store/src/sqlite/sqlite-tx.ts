import type {
  Agent,
  AgentOwner,
  AgentStatus,
  Announcement,
  CoordinatorEvent,
  DependencyMap,
  EventLogSummary,
  EvidenceQuery,
  FileActivity,
  FileActivityFilter,
  InboxFilter,
  InboxItem,
  InboxPatch,
  Membership,
  Message,
  OAuthRow,
  OAuthRowFilter,
  OAuthTable,
  Org,
  ScoringEvidence,
  SequencedEvent,
  StoreTx,
  Thread,
  ThreadFilter,
  TokenFilter,
  TokenPatch,
  TokenRecord,
  User,
  WorkingFileClaim,
} from "@mcp-coordinator/core";
import * as agents from "./agents.js";
import { SqliteAuditLog } from "./audit-log.js";
import * as dependencyMap from "./dependency-map.js";
import * as evidence from "./evidence.js";
import type { EvidenceIndex, IndexWrite } from "./evidence-index.js";
import * as files from "./files.js";
import * as identity from "./identity.js";
import * as inboxEvents from "./inbox-events.js";
import * as oauth from "./oauth.js";
import type { StatementCache } from "./statement-cache.js";
import { SqliteSymbolLedger } from "./symbol-ledger.js";
import * as threads from "./threads.js";
import { SqliteTokenTotals } from "./token-totals.js";

/**
 * StoreTx over one better-sqlite3 connection inside BEGIN IMMEDIATE … COMMIT. Every call is synchronous
 * underneath; the async signatures are the port's (a thrown error becomes a rejected promise).
 */
export class SqliteTx implements StoreTx {
  readonly audit: SqliteAuditLog;
  readonly tokenTotals: SqliteTokenTotals;
  readonly symbols: SqliteSymbolLedger;

  /**
   * This transaction's writes to what the evidence index mirrors, replayed onto it once the transaction
   * commits (SqliteStore.runTransaction); dropped on rollback.
   */
  private indexWrites: IndexWrite[] = [];

  constructor(
    private readonly sql: StatementCache,
    private readonly evidenceIndex: EvidenceIndex | null,
  ) {
    this.audit = new SqliteAuditLog(sql);
    this.tokenTotals = new SqliteTokenTotals(sql);
    this.symbols = new SqliteSymbolLedger(sql);
  }

  /** The writes to replay on commit; the list starts empty for the next transaction. */
  takeIndexWrites(): IndexWrite[] {
    const writes = this.indexWrites;
    this.indexWrites = [];
    return writes;
  }

  async getAgent(orgId: string, agentId: string): Promise<Agent | null> {
    return agents.getAgent(this.sql, orgId, agentId);
  }

  async listAgents(orgId: string, filter?: { readonly status?: AgentStatus }): Promise<Agent[]> {
    return agents.listAgents(this.sql, orgId, filter);
  }

  async listStaleAgents(before: number): Promise<Agent[]> {
    return agents.listStaleAgents(this.sql, before);
  }

  async putAgent(agent: Agent): Promise<void> {
    agents.putAgent(this.sql, agent);
    this.indexWrites.push((index) => index.upsertAgent(agent));
  }

  async putAnnouncement(a: Announcement): Promise<void> {
    agents.putAnnouncement(this.sql, a);
    this.indexWrites.push((index) => index.putAnnouncement(a));
  }

  async listAnnouncements(
    orgId: string,
    filter: { readonly agentId?: string; readonly threadId?: string; readonly activeAt?: number },
  ): Promise<Announcement[]> {
    return agents.listAnnouncements(this.sql, orgId, filter);
  }

  async getThread(orgId: string, threadId: string): Promise<Thread | null> {
    return threads.getThread(this.sql, orgId, threadId);
  }

  async insertThread(thread: Thread): Promise<void> {
    return threads.insertThread(this.sql, thread);
  }

  /** In-process statements cost no round trip: the batch is the single writes in a row. */
  async updateThreads(list: readonly Thread[]): Promise<void> {
    for (const thread of list) threads.updateThread(this.sql, thread);
  }

  async appendMessages(list: readonly Message[]): Promise<void> {
    for (const m of list) threads.appendMessage(this.sql, m);
  }

  async updateThread(thread: Thread): Promise<void> {
    return threads.updateThread(this.sql, thread);
  }

  async listThreads(orgId: string, filter?: ThreadFilter): Promise<Thread[]> {
    return threads.listThreads(this.sql, orgId, filter);
  }

  async listDueThreads(now: number, limit: number): Promise<Thread[]> {
    return threads.listDueThreads(this.sql, now, limit);
  }

  async appendMessage(m: Message): Promise<void> {
    return threads.appendMessage(this.sql, m);
  }

  async listMessages(
    orgId: string,
    threadId: string,
    filter?: { readonly after?: number; readonly limit?: number },
  ): Promise<Message[]> {
    return threads.listMessages(this.sql, orgId, threadId, filter);
  }

  async appendFileActivity(a: FileActivity): Promise<void> {
    files.appendFileActivity(this.sql, a);
    this.indexWrites.push((index) => index.addActivity(a));
  }

  async listFileActivity(orgId: string, filter: FileActivityFilter): Promise<FileActivity[]> {
    return files.listFileActivity(this.sql, orgId, filter);
  }

  async putClaims(claims: readonly WorkingFileClaim[]): Promise<void> {
    files.putClaims(this.sql, claims);
    this.indexWrites.push((index) => {
      for (const claim of claims) index.putClaim(claim);
    });
  }

  async claimIfFree(claim: WorkingFileClaim): Promise<boolean> {
    const claimed = files.claimIfFree(this.sql, claim);
    if (claimed) this.indexWrites.push((index) => index.putClaim(claim));
    return claimed;
  }

  async deleteClaims(orgId: string, agentId: string, paths?: readonly string[]): Promise<WorkingFileClaim[]> {
    return this.claimsGone(files.deleteClaims(this.sql, orgId, agentId, paths));
  }

  async deleteExpiredClaims(now: number): Promise<WorkingFileClaim[]> {
    return this.claimsGone(files.deleteExpiredClaims(this.sql, now));
  }

  private claimsGone(gone: WorkingFileClaim[]): WorkingFileClaim[] {
    if (gone.length > 0) {
      this.indexWrites.push((index) => {
        for (const claim of gone) index.deleteClaim(claim.orgId, claim.agentId, claim.path);
      });
    }
    return gone;
  }

  async listClaims(
    orgId: string,
    filter: { readonly agentId?: string; readonly paths?: readonly string[]; readonly activeAt: number },
  ): Promise<WorkingFileClaim[]> {
    return files.listClaims(this.sql, orgId, filter);
  }

  async collectEvidence(q: EvidenceQuery): Promise<ScoringEvidence> {
    // The index holds committed rows only: a transaction that already wrote some asks the tables.
    if (this.evidenceIndex === null || this.indexWrites.length > 0)
      return evidence.collectEvidence(this.sql, q);
    return this.evidenceIndex.collect(q);
  }

  async getDependencyMap(orgId: string): Promise<DependencyMap | null> {
    return dependencyMap.getDependencyMap(this.sql, orgId);
  }

  async putDependencyMap(orgId: string, map: DependencyMap): Promise<void> {
    return dependencyMap.putDependencyMap(this.sql, orgId, map);
  }

  async appendInbox(items: readonly InboxItem[]): Promise<void> {
    return inboxEvents.appendInbox(this.sql, items);
  }

  async listInbox(orgId: string, agentId: string, filter?: InboxFilter): Promise<InboxItem[]> {
    return inboxEvents.listInbox(this.sql, orgId, agentId, filter);
  }

  async updateInbox(
    orgId: string,
    agentId: string,
    ids: readonly string[],
    patch: InboxPatch,
  ): Promise<number> {
    return inboxEvents.updateInbox(this.sql, orgId, agentId, ids, patch);
  }

  async appendEvents(events: readonly CoordinatorEvent[]): Promise<SequencedEvent[]> {
    return inboxEvents.appendEvents(this.sql, events);
  }

  async listUnpublishedEvents(filter: {
    readonly afterSeq: number;
    readonly committedBefore: number;
    readonly limit: number;
  }): Promise<SequencedEvent[]> {
    return inboxEvents.listUnpublishedEvents(this.sql, filter);
  }

  async markEventsPublished(seqs: readonly number[]): Promise<void> {
    return inboxEvents.markEventsPublished(this.sql, seqs);
  }

  async eventLogSummary(orgId: string): Promise<EventLogSummary> {
    return inboxEvents.eventLogSummary(this.sql, orgId);
  }

  async listEvents(filter: {
    readonly orgId?: string;
    readonly afterSeq: number;
    readonly limit: number;
  }): Promise<SequencedEvent[]> {
    return inboxEvents.listEvents(this.sql, filter);
  }

  async getOrg(orgId: string): Promise<Org | null> {
    return identity.getOrg(this.sql, orgId);
  }

  async insertOrg(org: Org): Promise<boolean> {
    return identity.insertOrg(this.sql, org);
  }

  async listOrgs(): Promise<Org[]> {
    return identity.listOrgs(this.sql);
  }

  async getUser(orgId: string, userId: string): Promise<User | null> {
    return identity.getUser(this.sql, orgId, userId);
  }

  async putUser(user: User): Promise<void> {
    return identity.putUser(this.sql, user);
  }

  async getMembership(orgId: string, userId: string): Promise<Membership | null> {
    return identity.getMembership(this.sql, orgId, userId);
  }

  async putMembership(membership: Membership): Promise<void> {
    return identity.putMembership(this.sql, membership);
  }

  async deleteMembership(orgId: string, userId: string): Promise<boolean> {
    return identity.deleteMembership(this.sql, orgId, userId);
  }

  async listMemberships(orgId: string): Promise<Membership[]> {
    return identity.listMemberships(this.sql, orgId);
  }

  async insertToken(token: TokenRecord): Promise<void> {
    return identity.insertToken(this.sql, token);
  }

  async getTokenByHash(hash: string): Promise<TokenRecord | null> {
    return identity.getTokenByHash(this.sql, hash);
  }

  async getToken(orgId: string, tokenId: string): Promise<TokenRecord | null> {
    return identity.getToken(this.sql, orgId, tokenId);
  }

  async listTokens(orgId: string, filter?: TokenFilter): Promise<TokenRecord[]> {
    return identity.listTokens(this.sql, orgId, filter);
  }

  async updateToken(orgId: string, tokenId: string, patch: TokenPatch): Promise<TokenRecord | null> {
    return identity.updateToken(this.sql, orgId, tokenId, patch);
  }

  async getAgentOwner(orgId: string, agentId: string): Promise<AgentOwner | null> {
    return identity.getAgentOwner(this.sql, orgId, agentId);
  }

  async claimAgentOwner(owner: AgentOwner): Promise<AgentOwner> {
    return identity.claimAgentOwner(this.sql, owner);
  }

  async insertOAuthRow(row: OAuthRow): Promise<boolean> {
    return oauth.insertOAuthRow(this.sql, row);
  }

  async getOAuthRow(table: OAuthTable, id: string): Promise<OAuthRow | null> {
    return oauth.getOAuthRow(this.sql, table, id);
  }

  async listOAuthRows(table: OAuthTable, filter: OAuthRowFilter): Promise<OAuthRow[]> {
    return oauth.listOAuthRows(this.sql, table, filter);
  }

  async updateOAuthRow(row: OAuthRow): Promise<boolean> {
    return oauth.updateOAuthRow(this.sql, row);
  }

  async deleteOAuthRow(table: OAuthTable, id: string): Promise<boolean> {
    return oauth.deleteOAuthRow(this.sql, table, id);
  }

  async countOAuthRows(table: OAuthTable, since: number, now: number): Promise<number> {
    return oauth.countOAuthRows(this.sql, table, since, now);
  }

  async deleteExpiredOAuthRows(now: number): Promise<number> {
    return oauth.deleteExpiredOAuthRows(this.sql, now);
  }

  async getUserTokenEpoch(orgId: string, userId: string): Promise<number> {
    return oauth.getUserTokenEpoch(this.sql, orgId, userId);
  }

  async bumpUserTokenEpoch(orgId: string, userId: string): Promise<number> {
    return oauth.bumpUserTokenEpoch(this.sql, orgId, userId);
  }
}
