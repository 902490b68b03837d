import type { Agent } from "../../model/agent.js";
import { type Announcement, isAnnouncementActive } from "../../model/announcement.js";
import type { EvidenceQuery } from "../../model/evidence.js";
import type { FileActivity, WorkingFileClaim } from "../../model/file-activity.js";
import { ActivityByPath } from "./activity-by-path.js";
import { AgentSlots } from "./agent-slots.js";
import { compareAgents } from "./evidence-order.js";
import { IndexedEvidence, type SlotHolders } from "./indexed-evidence.js";
import { ModulePrefixIndex } from "./module-prefix-index.js";
import { ScratchRows, ScratchSlots } from "./scratch-list.js";
import { SortedRows } from "./sorted-rows.js";

/** An indexed announcement with its owner's slot, and the last collect that looked at it. */
interface AnnouncementEntry {
  readonly announcement: Announcement;
  readonly slot: number;
  /** The collect (epoch) that last decided on this entry, and whether it was evidence then. */
  seenIn: number;
  taken: boolean;
}

interface ClaimEntry {
  readonly claim: WorkingFileClaim;
  readonly slot: number;
}

interface AgentEntry {
  readonly agent: Agent;
  readonly slot: number;
}

/**
 * The conflict index of one org: path → holders and module → holders, so that collecting evidence
 * costs O(query + matching rows), whatever the number of agents. Released announcements are not kept
 * (they can never be active again); expired ones and expired claims stay until `pruneExpired`, and
 * `collect` filters them by `query.now` meanwhile.
 *
 * Every agent id gets an integer slot (AgentSlots), stored next to each indexed row, so collecting
 * deduplicates with per-slot stamps instead of Sets and hands the scorer its holders as integers.
 */
export class OrgConflictIndex {
  readonly #slots = new AgentSlots();
  readonly #agents = new Map<string, AgentEntry>();
  /** The same agents in evidence order: see SortedRows. */
  readonly #agentsInOrder = new SortedRows<AgentEntry>((a, b) => compareAgents(a.agent, b.agent));
  readonly #agentModules = new ModulePrefixIndex<number>();
  readonly #announcements = new Map<string, AnnouncementEntry>();
  /** A query file matching a target or a dependency file selects the announcement. */
  readonly #announcementsByTarget = new Map<string, Set<AnnouncementEntry>>();
  readonly #announcementsByDependency = new Map<string, Set<AnnouncementEntry>>();
  readonly #announcementModules = new ModulePrefixIndex<AnnouncementEntry>();
  readonly #activity = new ActivityByPath();
  /** path → agentId → claim, with the agent's slot. */
  readonly #claims = new Map<string, Map<string, ClaimEntry>>();
  /** Counts collects; a row stamped with the current epoch was already decided on by this collect. */
  #epoch = 0;
  /** Per slot: the epoch in which the agent was last found involved. */
  #involvedIn = new Uint32Array(64);
  /** Where collect builds its lists; each is taken (copied out) before collect returns. */
  readonly #scratch = {
    involved: new ScratchSlots(),
    targeting: new ScratchSlots(),
    dependingOn: new ScratchSlots(),
    editing: new ScratchSlots(),
    claiming: new ScratchSlots(),
    modules: new ScratchSlots(),
    announcements: new ScratchRows<Announcement>(),
    announcementSlots: new ScratchSlots(),
    activity: new ScratchRows<FileActivity>(),
    activitySlots: new ScratchSlots(),
    claims: new ScratchRows<WorkingFileClaim>(),
    claimSlots: new ScratchSlots(),
  };

  upsertAgent(agent: Agent): void {
    this.removeAgent(agent.id);
    const entry: AgentEntry = { agent, slot: this.#slots.acquire(agent.id) };
    this.#agents.set(agent.id, entry);
    this.#slots.setAgent(entry.slot, agent);
    this.#agentsInOrder.insert(entry);
    for (const module of agent.modules) this.#agentModules.add(module, entry.slot);
  }

  /** Forgets the agent record only; its rows stay but are never evidence without an online agent. */
  removeAgent(agentId: string): void {
    const entry = this.#agents.get(agentId);
    if (entry === undefined) return;
    this.#agents.delete(agentId);
    this.#agentsInOrder.remove(entry);
    for (const module of entry.agent.modules) this.#agentModules.remove(module, entry.slot);
    this.#slots.setAgent(entry.slot, undefined);
    this.#slots.release(agentId);
  }

  /** Inserts or replaces by id. */
  putAnnouncement(announcement: Announcement): void {
    this.removeAnnouncement(announcement.id);
    if (announcement.releasedAt !== null) return;
    const entry: AnnouncementEntry = {
      announcement,
      slot: this.#slots.acquire(announcement.agentId),
      seenIn: 0,
      taken: false,
    };
    this.#announcements.set(announcement.id, entry);
    for (const path of announcement.targetFiles) addTo(this.#announcementsByTarget, path, entry);
    for (const path of announcement.dependsOnFiles) addTo(this.#announcementsByDependency, path, entry);
    for (const module of announcement.targetModules) this.#announcementModules.add(module, entry);
  }

  removeAnnouncement(id: string): void {
    const entry = this.#announcements.get(id);
    if (entry === undefined) return;
    const { announcement } = entry;
    this.#announcements.delete(id);
    for (const path of announcement.targetFiles) deleteFrom(this.#announcementsByTarget, path, entry);
    for (const path of announcement.dependsOnFiles) deleteFrom(this.#announcementsByDependency, path, entry);
    for (const module of announcement.targetModules) this.#announcementModules.remove(module, entry);
    this.#slots.release(announcement.agentId);
  }

  addActivity(row: FileActivity): void {
    this.#activity.add(row, this.#slots.acquire(row.agentId));
  }

  removeActivity(row: FileActivity): boolean {
    const removed = this.#activity.remove(row);
    if (removed) this.#slots.release(row.agentId);
    return removed;
  }

  /** Upserts by (agent, path). */
  putClaim(claim: WorkingFileClaim): void {
    let holders = this.#claims.get(claim.path);
    if (holders === undefined) {
      holders = new Map();
      this.#claims.set(claim.path, holders);
    }
    const slot = holders.get(claim.agentId)?.slot ?? this.#slots.acquire(claim.agentId);
    holders.set(claim.agentId, { claim, slot });
  }

  deleteClaim(agentId: string, path: string): void {
    const holders = this.#claims.get(path);
    if (!holders?.delete(agentId)) return;
    this.#slots.release(agentId);
    if (holders.size === 0) this.#claims.delete(path);
  }

  pruneActivity(before: number): number {
    return this.#activity.prune(before, (row) => this.#slots.release(row.agentId));
  }

  /** Drops announcements and claims that expired at or before `now`; returns how many rows went. */
  pruneExpired(now: number): number {
    let dropped = 0;
    for (const { announcement } of [...this.#announcements.values()]) {
      if (announcement.expiresAt > now) continue;
      this.removeAnnouncement(announcement.id);
      dropped += 1;
    }
    for (const [path, holders] of this.#claims) {
      for (const [agentId, { claim }] of holders) {
        if (claim.expiresAt > now) continue;
        holders.delete(agentId);
        this.#slots.release(agentId);
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
      agentSlots: this.#slots.size,
    };
  }

  /** See collect-evidence-by-scan for the exact semantics; this answers the same from the indexes. */
  collect(query: EvidenceQuery, isCandidate?: (agent: Agent) => boolean): IndexedEvidence {
    const epoch = this.#nextEpoch();
    const slots = this.#slots;
    const excluded = slots.slotOf(query.excludeAgentId);
    /** Whether the agent in `slot` is a candidate: registered, online, not the announcer. */
    const candidate = (slot: number): boolean => {
      if (slot === excluded) return false;
      const agent = slots.agentAt(slot);
      return (
        agent !== undefined && agent.status === "online" && (isCandidate === undefined || isCandidate(agent))
      );
    };
    const scratch = this.#scratch;
    const involvedIn = this.#involvedIn;
    const involve = (slot: number) => {
      if (involvedIn[slot] === epoch) return;
      involvedIn[slot] = epoch;
      scratch.involved.push(slot);
    };

    /** Whether the announcement is evidence (deciding on first sight in this collect). */
    const take = (entry: AnnouncementEntry): boolean => {
      if (entry.seenIn === epoch) return entry.taken;
      entry.seenIn = epoch;
      entry.taken = isAnnouncementActive(entry.announcement, query.now) && candidate(entry.slot);
      if (entry.taken) {
        scratch.announcements.push(entry.announcement);
        scratch.announcementSlots.push(entry.slot);
        involve(entry.slot);
      }
      return entry.taken;
    };
    // Set.forEach, not for…of: the iterator's result objects were a tenth of a hot file's garbage.
    const takeTargeting = (entry: AnnouncementEntry) => {
      if (take(entry)) scratch.targeting.push(entry.slot);
    };
    const takeDependingOn = (entry: AnnouncementEntry) => {
      if (take(entry)) scratch.dependingOn.push(entry.slot);
    };
    const takeActivity = (row: FileActivity, slot: number) => {
      if (!candidate(slot)) return;
      scratch.activity.push(row);
      scratch.activitySlots.push(slot);
      scratch.editing.push(slot);
      involve(slot);
    };
    const takeClaim = ({ claim, slot }: ClaimEntry) => {
      if (claim.expiresAt <= query.now || !candidate(slot)) return;
      scratch.claims.push(claim);
      scratch.claimSlots.push(slot);
      scratch.claiming.push(slot);
      involve(slot);
    };
    const holders = new Map<string, SlotHolders>();
    for (const path of query.files) {
      if (holders.has(path)) continue;
      this.#announcementsByTarget.get(path)?.forEach(takeTargeting);
      this.#announcementsByDependency.get(path)?.forEach(takeDependingOn);
      this.#activity.forEachSince(path, query.activitySince, takeActivity);
      this.#claims.get(path)?.forEach(takeClaim);
      holders.set(path, {
        targeting: scratch.targeting.take(),
        dependingOn: scratch.dependingOn.take(),
        editing: scratch.editing.take(),
        claiming: scratch.claiming.take(),
      });
    }
    const takeModuleAnnouncement = (entry: AnnouncementEntry) => {
      if (take(entry)) scratch.modules.push(entry.slot);
    };
    const takeModuleAgent = (slot: number) => {
      if (!candidate(slot)) return;
      scratch.modules.push(slot);
      involve(slot);
    };
    for (const module of query.modules) {
      this.#announcementModules.forEachOverlapping(module, takeModuleAnnouncement);
      this.#agentModules.forEachOverlapping(module, takeModuleAgent);
    }

    const involved = scratch.involved.take();
    // Sized up front: a hot file involves most of the org, and growing by push left copies behind.
    const agents = new Array<Agent>(involved.length);
    const order = new Array<number>(involved.length);
    let picked = 0;
    this.#agentsInOrder.pick(
      involved.length,
      () => Array.from(involved, (slot) => this.#agents.get((slots.agentAt(slot) as Agent).id) as AgentEntry),
      (entry) => involvedIn[entry.slot] === epoch,
      (entry) => {
        agents[picked] = entry.agent;
        order[picked] = entry.slot;
        picked += 1;
      },
    );
    return new IndexedEvidence({
      agents,
      order,
      announcements: scratch.announcements.take(),
      announcementSlots: scratch.announcementSlots.take(),
      activity: scratch.activity.take(),
      activitySlots: scratch.activitySlots.take(),
      claims: scratch.claims.take(),
      claimSlots: scratch.claimSlots.take(),
      holders,
      moduleSlots: scratch.modules.take(),
      slotCount: slots.capacity,
      excludeAgentId: query.excludeAgentId,
      modules: query.modules,
    });
  }

  /** A fresh stamp for one collect, with room for every slot. */
  #nextEpoch(): number {
    if (this.#involvedIn.length < this.#slots.capacity) {
      const grown = new Uint32Array(Math.max(this.#slots.capacity, this.#involvedIn.length * 2));
      grown.set(this.#involvedIn);
      this.#involvedIn = grown;
    }
    // Stamps are compared for equality only; on wrap-around, clear them so an old stamp cannot match.
    if (this.#epoch === 0xffffffff) {
      this.#epoch = 0;
      this.#involvedIn.fill(0);
      for (const entry of this.#announcements.values()) entry.seenIn = 0;
    }
    this.#epoch += 1;
    return this.#epoch;
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
