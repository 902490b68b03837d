import type { Agent } from "../../model/agent.js";
import { type Announcement, isAnnouncementActive } from "../../model/announcement.js";
import type { EvidenceQuery } from "../../model/evidence.js";
import type { FileActivity, WorkingFileClaim } from "../../model/file-activity.js";
import { ActivityByPath } from "./activity-by-path.js";
import {
  compareActivityNewestFirst,
  compareAgents,
  compareAnnouncements,
  compareClaims,
} from "./evidence-order.js";
import { IndexedEvidence, type PathHolders } from "./indexed-evidence.js";
import { ModulePrefixIndex } from "./module-prefix-index.js";
import { SortedRows } from "./sorted-rows.js";

/**
 * The conflict index of one org: path → holders and module → holders, so that collecting evidence
 * costs O(query + matching rows), whatever the number of agents. Released announcements are not kept
 * (they can never be active again); expired ones and expired claims stay until `pruneExpired`, and
 * `collect` filters them by `query.now` meanwhile.
 */
export class OrgConflictIndex {
  readonly #agents = new Map<string, Agent>();
  /** The same agents in evidence order, and the announcements below: see SortedRows. */
  readonly #agentsInOrder = new SortedRows(compareAgents);
  readonly #announcementsInOrder = new SortedRows(compareAnnouncements);
  readonly #agentModules = new ModulePrefixIndex<string>();
  readonly #announcements = new Map<string, Announcement>();
  /** A query file matching a target or a dependency file selects the announcement. */
  readonly #announcementsByTarget = new Map<string, Set<Announcement>>();
  readonly #announcementsByDependency = new Map<string, Set<Announcement>>();
  readonly #announcementModules = new ModulePrefixIndex<Announcement>();
  readonly #activity = new ActivityByPath();
  /** path → agentId → claim. */
  readonly #claims = new Map<string, Map<string, WorkingFileClaim>>();

  upsertAgent(agent: Agent): void {
    this.removeAgent(agent.id);
    this.#agents.set(agent.id, agent);
    this.#agentsInOrder.insert(agent);
    for (const module of agent.modules) this.#agentModules.add(module, agent.id);
  }

  /** Forgets the agent record only; its rows stay but are never evidence without an online agent. */
  removeAgent(agentId: string): void {
    const agent = this.#agents.get(agentId);
    if (agent === undefined) return;
    this.#agents.delete(agentId);
    this.#agentsInOrder.remove(agent);
    for (const module of agent.modules) this.#agentModules.remove(module, agentId);
  }

  /** Inserts or replaces by id. */
  putAnnouncement(announcement: Announcement): void {
    this.removeAnnouncement(announcement.id);
    if (announcement.releasedAt !== null) return;
    this.#announcements.set(announcement.id, announcement);
    this.#announcementsInOrder.insert(announcement);
    for (const path of announcement.targetFiles) addTo(this.#announcementsByTarget, path, announcement);
    for (const path of announcement.dependsOnFiles)
      addTo(this.#announcementsByDependency, path, announcement);
    for (const module of announcement.targetModules) this.#announcementModules.add(module, announcement);
  }

  removeAnnouncement(id: string): void {
    const announcement = this.#announcements.get(id);
    if (announcement === undefined) return;
    this.#announcements.delete(id);
    this.#announcementsInOrder.remove(announcement);
    for (const path of announcement.targetFiles) deleteFrom(this.#announcementsByTarget, path, announcement);
    for (const path of announcement.dependsOnFiles) {
      deleteFrom(this.#announcementsByDependency, path, announcement);
    }
    for (const module of announcement.targetModules) this.#announcementModules.remove(module, announcement);
  }

  addActivity(row: FileActivity): void {
    this.#activity.add(row);
  }

  removeActivity(row: FileActivity): boolean {
    return this.#activity.remove(row);
  }

  /** Upserts by (agent, path). */
  putClaim(claim: WorkingFileClaim): void {
    let holders = this.#claims.get(claim.path);
    if (holders === undefined) {
      holders = new Map();
      this.#claims.set(claim.path, holders);
    }
    holders.set(claim.agentId, claim);
  }

  deleteClaim(agentId: string, path: string): void {
    const holders = this.#claims.get(path);
    if (holders?.delete(agentId) && holders.size === 0) this.#claims.delete(path);
  }

  pruneActivity(before: number): number {
    return this.#activity.prune(before);
  }

  /** Drops announcements and claims that expired at or before `now`; returns how many rows went. */
  pruneExpired(now: number): number {
    let dropped = 0;
    for (const announcement of [...this.#announcements.values()]) {
      if (announcement.expiresAt > now) continue;
      this.removeAnnouncement(announcement.id);
      dropped += 1;
    }
    for (const [path, holders] of this.#claims) {
      for (const [agentId, claim] of holders) {
        if (claim.expiresAt > now) continue;
        holders.delete(agentId);
        dropped += 1;
      }
      if (holders.size === 0) this.#claims.delete(path);
    }
    return dropped;
  }

  /** Row counts, for tests and metrics: memory follows the live rows. */
  get sizes() {
    let claims = 0;
    for (const holders of this.#claims.values()) claims += holders.size;
    return {
      agents: this.#agents.size,
      announcements: this.#announcements.size,
      indexedFiles: new Set([
        ...this.#announcementsByTarget.keys(),
        ...this.#announcementsByDependency.keys(),
      ]).size,
      indexedModules: this.#announcementModules.size + this.#agentModules.size,
      activity: this.#activity.size,
      claims,
    };
  }

  /** See collect-evidence-by-scan for the exact semantics; this answers the same from the indexes. */
  collect(query: EvidenceQuery, isCandidate?: (agent: Agent) => boolean): IndexedEvidence {
    /** The agent, when its rows are evidence. */
    const candidate = (agentId: string): Agent | undefined => {
      const agent = this.#agents.get(agentId);
      return agent !== undefined &&
        agent.status === "online" &&
        agentId !== query.excludeAgentId &&
        (isCandidate === undefined || isCandidate(agent))
        ? agent
        : undefined;
    };
    const files = new Set(query.files);
    const involved = new Set<Agent>();

    const announcements = new Set<Announcement>();
    /** Whether the announcement is evidence (taking it on first sight). */
    const take = (announcement: Announcement): boolean => {
      if (announcements.has(announcement)) return true;
      const agent = isAnnouncementActive(announcement, query.now)
        ? candidate(announcement.agentId)
        : undefined;
      if (agent === undefined) return false;
      announcements.add(announcement);
      involved.add(agent);
      return true;
    };
    // Grouped by path as they are found: the scorer then reads only the paths that matched.
    const holders = new Map<string, PathHolders>();
    for (const path of files) {
      const entry: PathHolders = { targeting: [], dependingOn: [] };
      holders.set(path, entry);
      for (const a of this.#announcementsByTarget.get(path) ?? []) if (take(a)) entry.targeting.push(a);
      for (const a of this.#announcementsByDependency.get(path) ?? []) if (take(a)) entry.dependingOn.push(a);
    }
    for (const module of query.modules) this.#announcementModules.forEachOverlapping(module, take);

    const activity: FileActivity[] = [];
    const takeActivity = (row: FileActivity) => {
      const agent = candidate(row.agentId);
      if (agent === undefined) return;
      activity.push(row);
      involved.add(agent);
    };
    for (const path of files) this.#activity.forEachSince(path, query.activitySince, takeActivity);

    const claims: WorkingFileClaim[] = [];
    for (const path of files) {
      const holders = this.#claims.get(path);
      if (holders === undefined) continue;
      for (const claim of holders.values()) {
        const agent = claim.expiresAt > query.now ? candidate(claim.agentId) : undefined;
        if (agent === undefined) continue;
        claims.push(claim);
        involved.add(agent);
      }
    }

    for (const module of query.modules) {
      this.#agentModules.forEachOverlapping(module, (agentId) => {
        const agent = candidate(agentId);
        if (agent !== undefined) involved.add(agent);
      });
    }
    return new IndexedEvidence(
      this.#agentsInOrder.inOrder(involved),
      this.#announcementsInOrder.inOrder(announcements),
      activity.sort(compareActivityNewestFirst),
      claims.sort(compareClaims),
      holders,
    );
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

function deleteFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set?.delete(value) && set.size === 0) map.delete(key);
}
