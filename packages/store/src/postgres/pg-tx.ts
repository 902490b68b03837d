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
import type { PoolClient } from "pg";
import * as agents from "./agents.js";
import { PgAuditLog } from "./audit-log.js";
import * as dependencyMap from "./dependency-map.js";
import * as evidence from "./evidence.js";
import * as files from "./files.js";
import * as identity from "./identity.js";
import * as inboxEvents from "./inbox-events.js";
import * as oauth from "./oauth.js";
import { PgTxClient } from "./pg-tx-client.js";
import { PgSymbolLedger } from "./symbol-ledger.js";
import * as threads from "./threads.js";
import { PgTokenTotals } from "./token-totals.js";

/** StoreTx over one pooled client inside BEGIN … COMMIT (READ COMMITTED). */
export class PgTx implements StoreTx {
  private readonly db: PgTxClient;
  readonly audit: PgAuditLog;
  readonly tokenTotals: PgTokenTotals;
  readonly symbols: PgSymbolLedger;

  constructor(client: PoolClient) {
    this.db = new PgTxClient(client);
    this.audit = new PgAuditLog(this.db);
    this.tokenTotals = new PgTokenTotals(this.db);
    this.symbols = new PgSymbolLedger(this.db);
  }

  /** Sends buffered writes; the store calls it before COMMIT. */
  flush(): Promise<void> {
    return this.db.flush();
  }

  /** Whether BEGIN went out: it is sent with the first statement, so a transaction that sent none has none. */
  get begun(): boolean {
    return this.db.begun;
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

  updateThreads(list: readonly Thread[]): Promise<void> {
    return threads.updateThreads(this.db, list);
  }

  appendMessages(list: readonly Message[]): Promise<void> {
    return threads.appendMessages(this.db, list);
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

  listUnpublishedEvents(filter: {
    readonly afterSeq: number;
    readonly committedBefore: number;
    readonly limit: number;
  }): Promise<SequencedEvent[]> {
    return inboxEvents.listUnpublishedEvents(this.db, filter);
  }

  markEventsPublished(seqs: readonly number[]): Promise<void> {
    return inboxEvents.markEventsPublished(this.db, seqs);
  }

  eventLogSummary(orgId: string): Promise<EventLogSummary> {
    return inboxEvents.eventLogSummary(this.db, orgId);
  }

  listEvents(filter: {
    readonly orgId?: string;
    readonly afterSeq: number;
    readonly limit: number;
  }): Promise<SequencedEvent[]> {
    return inboxEvents.listEvents(this.db, filter);
  }

  async getOrg(orgId: string): Promise<Org | null> {
    return identity.getOrg(this.db, orgId);
  }

  async insertOrg(org: Org): Promise<boolean> {
    return identity.insertOrg(this.db, org);
  }

  async listOrgs(): Promise<Org[]> {
    return identity.listOrgs(this.db);
  }

  async getUser(orgId: string, userId: string): Promise<User | null> {
    return identity.getUser(this.db, orgId, userId);
  }

  async putUser(user: User): Promise<void> {
    return identity.putUser(this.db, user);
  }

  async getMembership(orgId: string, userId: string): Promise<Membership | null> {
    return identity.getMembership(this.db, orgId, userId);
  }

  async putMembership(membership: Membership): Promise<void> {
    return identity.putMembership(this.db, membership);
  }

  async deleteMembership(orgId: string, userId: string): Promise<boolean> {
    return identity.deleteMembership(this.db, orgId, userId);
  }

  async listMemberships(orgId: string): Promise<Membership[]> {
    return identity.listMemberships(this.db, orgId);
  }

  async insertToken(token: TokenRecord): Promise<void> {
    return identity.insertToken(this.db, token);
  }

  async getTokenByHash(hash: string): Promise<TokenRecord | null> {
    return identity.getTokenByHash(this.db, hash);
  }

  async getToken(orgId: string, tokenId: string): Promise<TokenRecord | null> {
    return identity.getToken(this.db, orgId, tokenId);
  }

  async listTokens(orgId: string, filter?: TokenFilter): Promise<TokenRecord[]> {
    return identity.listTokens(this.db, orgId, filter);
  }

  async updateToken(orgId: string, tokenId: string, patch: TokenPatch): Promise<TokenRecord | null> {
    return identity.updateToken(this.db, orgId, tokenId, patch);
  }

  async getAgentOwner(orgId: string, agentId: string): Promise<AgentOwner | null> {
    return identity.getAgentOwner(this.db, orgId, agentId);
  }

  async claimAgentOwner(owner: AgentOwner): Promise<AgentOwner> {
    return identity.claimAgentOwner(this.db, owner);
  }

  insertOAuthRow(row: OAuthRow): Promise<boolean> {
    return oauth.insertOAuthRow(this.db, row);
  }

  getOAuthRow(table: OAuthTable, id: string): Promise<OAuthRow | null> {
    return oauth.getOAuthRow(this.db, table, id);
  }

  listOAuthRows(table: OAuthTable, filter: OAuthRowFilter): Promise<OAuthRow[]> {
    return oauth.listOAuthRows(this.db, table, filter);
  }

  updateOAuthRow(row: OAuthRow): Promise<boolean> {
    return oauth.updateOAuthRow(this.db, row);
  }

  deleteOAuthRow(table: OAuthTable, id: string): Promise<boolean> {
    return oauth.deleteOAuthRow(this.db, table, id);
  }

  countOAuthRows(table: OAuthTable, since: number, now: number): Promise<number> {
    return oauth.countOAuthRows(this.db, table, since, now);
  }

  deleteExpiredOAuthRows(now: number): Promise<number> {
    return oauth.deleteExpiredOAuthRows(this.db, now);
  }

  getUserTokenEpoch(orgId: string, userId: string): Promise<number> {
    return oauth.getUserTokenEpoch(this.db, orgId, userId);
  }

  bumpUserTokenEpoch(orgId: string, userId: string): Promise<number> {
    return oauth.bumpUserTokenEpoch(this.db, orgId, userId);
  }
}
