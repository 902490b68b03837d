import { ConflictIndex } from "../domain/scoring/conflict-index.js";
import { VersionConflictError } from "../errors.js";
import type { CoordinatorEvent, SequencedEvent } from "../events.js";
import type { Agent } from "../model/agent.js";
import { type Announcement, isAnnouncementActive } from "../model/announcement.js";
import type { DependencyMap } from "../model/dependency-map.js";
import type { EvidenceQuery, ScoringEvidence } from "../model/evidence.js";
import type { FileActivity, WorkingFileClaim } from "../model/file-activity.js";
import type { AgentOwner, Membership, Org, TokenRecord, User } from "../model/identity.js";
import type { InboxItem } from "../model/inbox.js";
import { isTerminal, type Message, type Thread } from "../model/thread.js";
import type { TokenFilter, TokenPatch } from "../ports/identity-store.js";
import { OAUTH_TABLES, type OAuthRow, type OAuthRowFilter, type OAuthTable } from "../ports/oauth-store.js";
import type {
  EventLogSummary,
  FileActivityFilter,
  InboxFilter,
  InboxPatch,
  Store,
  StoreTx,
  ThreadFilter,
} from "../ports/store.js";
import { type MemoryAuditChains, MemoryAuditLog } from "./memory-audit-log.js";
import { byCreation, copyRow, matchesFilter, oauthKey } from "./memory-oauth.js";
import { createMemorySymbolTables, MemorySymbolLedger } from "./memory-symbol-ledger.js";
import { MemoryTokenTotals, type MemoryTokenTotalsTable } from "./memory-token-totals.js";

const key = (orgId: string, id: string) => `${orgId}\u0000${id}`;

/** The index of the first event with seq > `afterSeq` (the log is in seq order), or the length. */
function firstAfter(events: readonly SequencedEvent[], afterSeq: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as SequencedEvent).seq <= afterSeq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Unreleased announcements by org and by (org, agent); see MemoryStore.unreleased. */
class UnreleasedAnnouncements {
  readonly #byOrg = new Map<string, Map<string, Announcement>>();
  readonly #byAgent = new Map<string, Map<string, Announcement>>();

  /** Swaps `before` (the row as it was, if any) for `after` (the row as it is now, if any). */
  replace(before: Announcement | undefined, after: Announcement | undefined): void {
    if (before !== undefined) {
      removeFrom(this.#byOrg, before.orgId, before.id);
      removeFrom(this.#byAgent, key(before.orgId, before.agentId), before.id);
    }
    if (after !== undefined && after.releasedAt === null) {
      addTo(this.#byOrg, after.orgId, after);
      addTo(this.#byAgent, key(after.orgId, after.agentId), after);
    }
  }

  /** The org's unreleased announcements, or one agent's. */
  of(orgId: string, agentId: string | undefined): Iterable<Announcement> {
    const rows = agentId === undefined ? this.#byOrg.get(orgId) : this.#byAgent.get(key(orgId, agentId));
    return rows?.values() ?? [];
  }
}

function addTo(map: Map<string, Map<string, Announcement>>, k: string, row: Announcement): void {
  let rows = map.get(k);
  if (rows === undefined) {
    rows = new Map();
    map.set(k, rows);
  }
  rows.set(row.id, row);
}

function removeFrom(map: Map<string, Map<string, Announcement>>, k: string, id: string): void {
  const rows = map.get(k);
  if (rows?.delete(id) && rows.size === 0) map.delete(k);
}

/**
 * The in-memory Store: the default for tests, the demo and orchestrators that embed the core. Scoring
 * evidence comes from a ConflictIndex (path → holders), the same shape the SQL stores answer with
 * indexes. Transactions run one at a time; a journal of inverse operations rolls back a failed one.
 */
export class MemoryStore implements Store {
  private readonly agents = new Map<string, Agent>();
  private readonly announcements = new Map<string, Announcement>();
  /**
   * The unreleased announcements (the only ones that can be active), per org and per agent: an announce
   * reads the announcer's active ones, and scanning every announcement ever made grew with uptime.
   */
  private readonly unreleased = new UnreleasedAnnouncements();
  private readonly threads = new Map<string, Thread>();
  private readonly messages = new Map<string, Message[]>();
  private readonly activity: FileActivity[] = [];
  private readonly claims = new Map<string, WorkingFileClaim>();
  private readonly dependencyMaps = new Map<string, DependencyMap>();
  private readonly inbox = new Map<string, InboxItem[]>();
  private readonly events: SequencedEvent[] = [];
  /** The outbox: seqs of events appended but not yet marked published. */
  private readonly unpublished = new Set<number>();
  private readonly index = new ConflictIndex();
  private readonly orgs = new Map<string, Org>();
  private readonly users = new Map<string, User>();
  private readonly memberships = new Map<string, Membership>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly owners = new Map<string, AgentOwner>();
  private readonly oauthRows = new Map<string, OAuthRow>();
  private readonly epochs = new Map<string, number>();
  private readonly auditChains: MemoryAuditChains = new Map();
  private readonly tokenTotals: MemoryTokenTotalsTable = new Map();
  private readonly symbols = createMemorySymbolTables();
  private lastSeq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error("MemoryStore is closed"));
    const run = async () => {
      const journal: Array<() => void> = [];
      try {
        return await fn(new MemoryTx(this, journal));
      } catch (error) {
        for (const undo of journal.reverse()) undo();
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
  }

  /** @internal The committed data, read and written by MemoryTx. */
  get tables() {
    return {
      agents: this.agents,
      announcements: this.announcements,
      unreleased: this.unreleased,
      threads: this.threads,
      messages: this.messages,
      activity: this.activity,
      claims: this.claims,
      dependencyMaps: this.dependencyMaps,
      inbox: this.inbox,
      events: this.events,
      unpublished: this.unpublished,
      index: this.index,
      orgs: this.orgs,
      users: this.users,
      memberships: this.memberships,
      tokens: this.tokens,
      owners: this.owners,
      oauthRows: this.oauthRows,
      epochs: this.epochs,
      auditChains: this.auditChains,
      tokenTotals: this.tokenTotals,
      symbols: this.symbols,
    };
  }

  /** @internal */ nextSeq(): number {
    this.lastSeq += 1;
    return this.lastSeq;
  }

  /** @internal */ rewindSeq(): void {
    this.lastSeq -= 1;
  }
}

class MemoryTx implements StoreTx {
  private readonly t: MemoryStore["tables"];
  readonly audit: MemoryAuditLog;
  readonly tokenTotals: MemoryTokenTotals;
  readonly symbols: MemorySymbolLedger;

  constructor(
    private readonly store: MemoryStore,
    private readonly journal: Array<() => void>,
  ) {
    this.t = store.tables;
    this.audit = new MemoryAuditLog(this.t.auditChains, journal);
    this.tokenTotals = new MemoryTokenTotals(this.t.tokenTotals, journal);
    this.symbols = new MemorySymbolLedger(this.t.symbols, journal);
  }

  private setIn<V>(map: Map<string, V>, k: string, value: V, onChange?: (next: V | undefined) => void): void {
    const previous = map.get(k);
    map.set(k, value);
    onChange?.(value);
    this.journal.push(() => {
      if (previous === undefined) map.delete(k);
      else map.set(k, previous);
      onChange?.(previous);
    });
  }

  private deleteIn<V>(map: Map<string, V>, k: string, onChange?: (next: V | undefined) => void): void {
    const previous = map.get(k);
    if (previous === undefined) return;
    map.delete(k);
    onChange?.(undefined);
    this.journal.push(() => {
      map.set(k, previous);
      onChange?.(previous);
    });
  }

  async getAgent(orgId: string, agentId: string): Promise<Agent | null> {
    return this.t.agents.get(key(orgId, agentId)) ?? null;
  }

  async listAgents(orgId: string, filter: { status?: Agent["status"] } = {}): Promise<Agent[]> {
    return [...this.t.agents.values()]
      .filter((a) => a.orgId === orgId && (filter.status === undefined || a.status === filter.status))
      .sort(byString((a) => a.id));
  }

  async listStaleAgents(before: number): Promise<Agent[]> {
    return [...this.t.agents.values()]
      .filter((a) => a.status === "online" && a.lastSeenAt < before)
      .sort(byString((a) => a.id));
  }

  async putAgent(agent: Agent): Promise<void> {
    this.setIn(this.t.agents, key(agent.orgId, agent.id), agent, (next) => {
      if (next) this.t.index.upsertAgent(next);
      else this.t.index.removeAgent(agent.orgId, agent.id);
    });
  }

  async putAnnouncement(announcement: Announcement): Promise<void> {
    const previous = this.t.announcements.get(key(announcement.orgId, announcement.id));
    this.setIn(this.t.announcements, key(announcement.orgId, announcement.id), announcement, (next) => {
      this.t.unreleased.replace(next === announcement ? previous : announcement, next);
      if (next) this.t.index.putAnnouncement(next);
      else this.t.index.removeAnnouncement(announcement.orgId, announcement.id);
    });
  }

  async listAnnouncements(
    orgId: string,
    filter: { agentId?: string; threadId?: string; activeAt?: number },
  ): Promise<Announcement[]> {
    const candidates =
      filter.activeAt === undefined
        ? this.t.announcements.values()
        : this.t.unreleased.of(orgId, filter.agentId);
    return [...candidates]
      .filter(
        (a) =>
          a.orgId === orgId &&
          (filter.agentId === undefined || a.agentId === filter.agentId) &&
          (filter.threadId === undefined || a.threadId === filter.threadId) &&
          (filter.activeAt === undefined || isAnnouncementActive(a, filter.activeAt)),
      )
      .sort((a, b) => a.createdAt - b.createdAt || compare(a.id, b.id));
  }

  async getThread(orgId: string, threadId: string): Promise<Thread | null> {
    return this.t.threads.get(key(orgId, threadId)) ?? null;
  }

  async insertThread(thread: Thread): Promise<void> {
    if (this.t.threads.has(key(thread.orgId, thread.id))) {
      throw new Error(`thread ${thread.id} already exists`);
    }
    this.setIn(this.t.threads, key(thread.orgId, thread.id), thread);
  }

  async updateThreads(threads: readonly Thread[]): Promise<void> {
    for (const thread of threads) await this.updateThread(thread);
  }

  async appendMessages(messages: readonly Message[]): Promise<void> {
    for (const message of messages) await this.appendMessage(message);
  }

  async updateThread(thread: Thread): Promise<void> {
    const current = this.t.threads.get(key(thread.orgId, thread.id));
    if (!current || current.version !== thread.version - 1) {
      throw new VersionConflictError("thread", thread.id, thread.version - 1);
    }
    this.setIn(this.t.threads, key(thread.orgId, thread.id), thread);
  }

  async listThreads(orgId: string, filter: ThreadFilter = {}): Promise<Thread[]> {
    return [...this.t.threads.values()]
      .filter(
        (t) =>
          t.orgId === orgId &&
          (filter.statuses === undefined || filter.statuses.includes(t.status)) &&
          (filter.taskStates === undefined || filter.taskStates.includes(t.task.state)) &&
          (filter.agentId === undefined || involves(t, filter.agentId)),
      )
      .sort((a, b) => b.createdAt - a.createdAt || compare(b.id, a.id))
      .slice(0, filter.limit ?? 100);
  }

  async listDueThreads(now: number, limit: number): Promise<Thread[]> {
    return [...this.t.threads.values()]
      .filter((t) => !isTerminal(t.status) && t.deadlineAt <= now)
      .sort((a, b) => a.deadlineAt - b.deadlineAt || compare(a.id, b.id))
      .slice(0, limit);
  }

  async appendMessage(message: Message): Promise<void> {
    const k = key(message.orgId, message.threadId);
    const list = this.t.messages.get(k) ?? [];
    this.setIn(this.t.messages, k, [...list, message]);
  }

  async listMessages(
    orgId: string,
    threadId: string,
    filter: { after?: number; limit?: number } = {},
  ): Promise<Message[]> {
    return (this.t.messages.get(key(orgId, threadId)) ?? [])
      .filter((m) => filter.after === undefined || m.createdAt > filter.after)
      .sort((a, b) => a.createdAt - b.createdAt || compare(a.id, b.id))
      .slice(0, filter.limit ?? Number.POSITIVE_INFINITY);
  }

  async appendFileActivity(activity: FileActivity): Promise<void> {
    this.t.activity.push(activity);
    this.t.index.addActivity(activity);
    this.journal.push(() => {
      this.t.activity.splice(this.t.activity.lastIndexOf(activity), 1);
      this.t.index.removeActivity(activity);
    });
  }

  async listFileActivity(orgId: string, filter: FileActivityFilter): Promise<FileActivity[]> {
    const paths = filter.paths ? new Set(filter.paths) : null;
    return this.t.activity
      .filter(
        (a) =>
          a.orgId === orgId &&
          (filter.agentId === undefined || a.agentId === filter.agentId) &&
          (paths === null || paths.has(a.path)) &&
          (filter.since === undefined || a.at >= filter.since),
      )
      .sort((a, b) => b.at - a.at || compare(b.id, a.id))
      .slice(0, filter.limit ?? 500);
  }

  async putClaims(claims: readonly WorkingFileClaim[]): Promise<void> {
    for (const claim of claims) {
      const k = key(claim.orgId, `${claim.agentId}\u0000${claim.path}`);
      this.setIn(this.t.claims, k, claim, (next) => {
        if (next) this.t.index.putClaim(next);
        else this.t.index.deleteClaim(claim.orgId, claim.agentId, claim.path);
      });
    }
  }

  /** Transactions run one at a time here, so checking then writing cannot interleave with another. */
  async claimIfFree(claim: WorkingFileClaim): Promise<boolean> {
    const heldByOther = [...this.t.claims.values()].some(
      (c) =>
        c.orgId === claim.orgId &&
        c.path === claim.path &&
        c.agentId !== claim.agentId &&
        c.expiresAt > claim.claimedAt,
    );
    if (heldByOther) return false;
    await this.putClaims([claim]);
    return true;
  }

  async deleteClaims(orgId: string, agentId: string, paths?: readonly string[]): Promise<WorkingFileClaim[]> {
    const wanted = paths ? new Set(paths) : null;
    const victims = [...this.t.claims.values()].filter(
      (c) => c.orgId === orgId && c.agentId === agentId && (wanted === null || wanted.has(c.path)),
    );
    for (const claim of victims) this.removeClaim(claim);
    return victims.sort(byString((c) => c.path));
  }

  async deleteExpiredClaims(now: number): Promise<WorkingFileClaim[]> {
    const victims = [...this.t.claims.values()].filter((c) => c.expiresAt <= now);
    for (const claim of victims) this.removeClaim(claim);
    return victims.sort((a, b) => compare(a.path, b.path) || compare(a.agentId, b.agentId));
  }

  private removeClaim(claim: WorkingFileClaim): void {
    this.deleteIn(this.t.claims, key(claim.orgId, `${claim.agentId}\u0000${claim.path}`), (next) => {
      if (next) this.t.index.putClaim(next);
      else this.t.index.deleteClaim(claim.orgId, claim.agentId, claim.path);
    });
  }

  async listClaims(
    orgId: string,
    filter: { agentId?: string; paths?: readonly string[]; activeAt: number },
  ): Promise<WorkingFileClaim[]> {
    const paths = filter.paths ? new Set(filter.paths) : null;
    return [...this.t.claims.values()]
      .filter(
        (c) =>
          c.orgId === orgId &&
          c.expiresAt > filter.activeAt &&
          (filter.agentId === undefined || c.agentId === filter.agentId) &&
          (paths === null || paths.has(c.path)),
      )
      .sort((a, b) => compare(a.path, b.path) || compare(a.agentId, b.agentId));
  }

  async collectEvidence(query: EvidenceQuery): Promise<ScoringEvidence> {
    return this.t.index.collect(query);
  }

  async getDependencyMap(orgId: string): Promise<DependencyMap | null> {
    return this.t.dependencyMaps.get(orgId) ?? null;
  }

  async putDependencyMap(orgId: string, map: DependencyMap): Promise<void> {
    this.setIn(this.t.dependencyMaps, orgId, map);
  }

  async appendInbox(items: readonly InboxItem[]): Promise<void> {
    for (const item of items) {
      const k = key(item.orgId, item.agentId);
      const held = this.t.inbox.get(k) ?? [];
      if (item.kind === "heads_up" && held.some((i) => i.kind === "heads_up" && i.ackedAt === null)) continue;
      this.setIn(this.t.inbox, k, [...held, item]);
    }
  }

  async listInbox(orgId: string, agentId: string, filter: InboxFilter = {}): Promise<InboxItem[]> {
    const unackedOnly = filter.unackedOnly ?? true;
    return (this.t.inbox.get(key(orgId, agentId)) ?? [])
      .filter((i) => !unackedOnly || i.ackedAt === null)
      .sort((a, b) => a.createdAt - b.createdAt || compare(a.id, b.id))
      .slice(0, filter.limit ?? 100);
  }

  async updateInbox(
    orgId: string,
    agentId: string,
    ids: readonly string[],
    patch: InboxPatch,
  ): Promise<number> {
    const k = key(orgId, agentId);
    const wanted = new Set(ids);
    let changed = 0;
    const next = (this.t.inbox.get(k) ?? []).map((item) => {
      if (!wanted.has(item.id)) return item;
      changed += 1;
      return {
        ...item,
        ...(patch.deliveredAt === undefined
          ? {}
          : { deliveredAt: patch.deliveredAt, deliveryCount: item.deliveryCount + 1 }),
        ...(patch.ackedAt === undefined ? {} : { ackedAt: patch.ackedAt }),
      };
    });
    if (changed > 0) this.setIn(this.t.inbox, k, next);
    return changed;
  }

  async appendEvents(events: readonly CoordinatorEvent[]): Promise<SequencedEvent[]> {
    const sequenced = events.map((event) => ({ ...event, seq: this.store.nextSeq() }) as SequencedEvent);
    this.t.events.push(...sequenced);
    for (const event of sequenced) this.t.unpublished.add(event.seq);
    this.journal.push(() => {
      this.t.events.splice(this.t.events.length - sequenced.length, sequenced.length);
      for (const event of sequenced) this.t.unpublished.delete(event.seq);
      for (const _ of sequenced) this.store.rewindSeq();
    });
    return sequenced;
  }

  async listUnpublishedEvents(filter: {
    afterSeq: number;
    committedBefore: number;
    limit: number;
  }): Promise<SequencedEvent[]> {
    // The outbox is a handful of seqs and the log is every event since start: look each one up.
    const out: SequencedEvent[] = [];
    const seqs = [...this.t.unpublished].filter((seq) => seq > filter.afterSeq).sort((a, b) => a - b);
    for (const seq of seqs) {
      const event = this.t.events[firstAfter(this.t.events, seq - 1)];
      if (event?.seq !== seq || event.at >= filter.committedBefore) continue;
      out.push(event);
      if (out.length >= filter.limit) break;
    }
    return out;
  }

  async markEventsPublished(seqs: readonly number[]): Promise<void> {
    const removed = seqs.filter((seq) => this.t.unpublished.delete(seq));
    if (removed.length === 0) return;
    this.journal.push(() => {
      for (const seq of removed) this.t.unpublished.add(seq);
    });
  }

  async eventLogSummary(orgId: string): Promise<EventLogSummary> {
    let count = 0;
    let lastSeq = 0;
    for (const event of this.t.events) {
      if (event.orgId !== orgId) continue;
      count += 1;
      lastSeq = Math.max(lastSeq, event.seq);
    }
    return { count, lastSeq };
  }

  async listEvents(filter: { orgId?: string; afterSeq: number; limit: number }): Promise<SequencedEvent[]> {
    const out: SequencedEvent[] = [];
    const events = this.t.events;
    for (let i = firstAfter(events, filter.afterSeq); i < events.length; i += 1) {
      const event = events[i] as SequencedEvent;
      if (filter.orgId !== undefined && event.orgId !== filter.orgId) continue;
      out.push(event);
      if (out.length >= filter.limit) break;
    }
    return out;
  }

  async getOrg(orgId: string): Promise<Org | null> {
    return this.t.orgs.get(orgId) ?? null;
  }

  async insertOrg(org: Org): Promise<boolean> {
    if (this.t.orgs.has(org.id)) return false;
    this.setIn(this.t.orgs, org.id, org);
    return true;
  }

  async listOrgs(): Promise<Org[]> {
    return [...this.t.orgs.values()].sort(byString((o) => o.id));
  }

  async getUser(orgId: string, userId: string): Promise<User | null> {
    return this.t.users.get(key(orgId, userId)) ?? null;
  }

  async putUser(user: User): Promise<void> {
    this.setIn(this.t.users, key(user.orgId, user.id), user);
  }

  async getMembership(orgId: string, userId: string): Promise<Membership | null> {
    return this.t.memberships.get(key(orgId, userId)) ?? null;
  }

  async putMembership(membership: Membership): Promise<void> {
    this.setIn(this.t.memberships, key(membership.orgId, membership.userId), membership);
  }

  async deleteMembership(orgId: string, userId: string): Promise<boolean> {
    const k = key(orgId, userId);
    if (!this.t.memberships.has(k)) return false;
    this.deleteIn(this.t.memberships, k);
    return true;
  }

  async listMemberships(orgId: string): Promise<Membership[]> {
    return [...this.t.memberships.values()].filter((m) => m.orgId === orgId).sort(byString((m) => m.userId));
  }

  async insertToken(token: TokenRecord): Promise<void> {
    const clash = [...this.t.tokens.values()].some((t) => t.id === token.id || t.hash === token.hash);
    if (clash) throw new Error(`token ${token.id} already exists`);
    this.setIn(this.t.tokens, key(token.orgId, token.id), token);
  }

  async getTokenByHash(hash: string): Promise<TokenRecord | null> {
    return [...this.t.tokens.values()].find((t) => t.hash === hash) ?? null;
  }

  async getToken(orgId: string, tokenId: string): Promise<TokenRecord | null> {
    return this.t.tokens.get(key(orgId, tokenId)) ?? null;
  }

  async listTokens(orgId: string, filter: TokenFilter = {}): Promise<TokenRecord[]> {
    return [...this.t.tokens.values()]
      .filter(
        (t) =>
          t.orgId === orgId &&
          (filter.userId === undefined || t.userId === filter.userId) &&
          (filter.includeRevoked === true || t.revokedAt === null),
      )
      .sort((a, b) => a.createdAt - b.createdAt || compare(a.id, b.id));
  }

  async updateToken(orgId: string, tokenId: string, patch: TokenPatch): Promise<TokenRecord | null> {
    const current = this.t.tokens.get(key(orgId, tokenId));
    if (current === undefined) return null;
    const next: TokenRecord = {
      ...current,
      ...(patch.lastUsedAt === undefined ? {} : { lastUsedAt: patch.lastUsedAt }),
      ...(patch.revokedAt === undefined ? {} : { revokedAt: patch.revokedAt }),
    };
    this.setIn(this.t.tokens, key(orgId, tokenId), next);
    return next;
  }

  async getAgentOwner(orgId: string, agentId: string): Promise<AgentOwner | null> {
    return this.t.owners.get(key(orgId, agentId)) ?? null;
  }

  async claimAgentOwner(owner: AgentOwner): Promise<AgentOwner> {
    const existing = this.t.owners.get(key(owner.orgId, owner.agentId));
    if (existing !== undefined) return existing;
    this.setIn(this.t.owners, key(owner.orgId, owner.agentId), owner);
    return owner;
  }

  async insertOAuthRow(row: OAuthRow): Promise<boolean> {
    const k = oauthKey(row.table, row.id);
    if (this.t.oauthRows.has(k)) return false;
    this.setIn(this.t.oauthRows, k, copyRow(row));
    return true;
  }

  async getOAuthRow(table: OAuthTable, id: string): Promise<OAuthRow | null> {
    const row = this.t.oauthRows.get(oauthKey(table, id));
    return row === undefined ? null : copyRow(row);
  }

  async listOAuthRows(table: OAuthTable, filter: OAuthRowFilter): Promise<OAuthRow[]> {
    return [...this.t.oauthRows.values()]
      .filter((r) => r.table === table && matchesFilter(r, filter))
      .sort(byCreation)
      .map(copyRow);
  }

  async updateOAuthRow(row: OAuthRow): Promise<boolean> {
    const k = oauthKey(row.table, row.id);
    const current = this.t.oauthRows.get(k);
    if (current === undefined || current.version !== row.version - 1) return false;
    this.setIn(this.t.oauthRows, k, copyRow(row));
    return true;
  }

  async deleteOAuthRow(table: OAuthTable, id: string): Promise<boolean> {
    const k = oauthKey(table, id);
    if (!this.t.oauthRows.has(k)) return false;
    this.deleteIn(this.t.oauthRows, k);
    return true;
  }

  async countOAuthRows(table: OAuthTable, since: number, now: number): Promise<number> {
    return [...this.t.oauthRows.values()].filter(
      (r) => r.table === table && r.createdAt >= since && r.expiresAt > now,
    ).length;
  }

  async deleteExpiredOAuthRows(now: number): Promise<number> {
    let deleted = 0;
    for (const table of OAUTH_TABLES) {
      for (const row of [...this.t.oauthRows.values()]) {
        if (row.table === table && row.expiresAt <= now) {
          this.deleteIn(this.t.oauthRows, oauthKey(table, row.id));
          deleted += 1;
        }
      }
    }
    return deleted;
  }

  async getUserTokenEpoch(orgId: string, userId: string): Promise<number> {
    return this.t.epochs.get(key(orgId, userId)) ?? 0;
  }

  async bumpUserTokenEpoch(orgId: string, userId: string): Promise<number> {
    const next = (this.t.epochs.get(key(orgId, userId)) ?? 0) + 1;
    this.setIn(this.t.epochs, key(orgId, userId), next);
    return next;
  }
}

function involves(thread: Thread, agentId: string): boolean {
  return (
    thread.initiatorId === agentId ||
    thread.respondentIds.includes(agentId) ||
    thread.task.claimantId === agentId
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byString<T>(pick: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => compare(pick(a), pick(b));
}
