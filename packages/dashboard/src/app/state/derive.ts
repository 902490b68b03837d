import {
  type DashboardState,
  type HeldPath,
  isLive,
  LAYERS,
  type ResolutionType,
  type ScoreLayer,
  type ThreadRow,
  type ThreadStatus,
  type WireImpact,
} from "./model.js";

export interface TimelineFilter {
  readonly status: ThreadStatus | "all";
  readonly agentId: string | "all";
}

/** Timeline rows, newest first, as thread ids. */
export function timelineRows(state: DashboardState, filter: TimelineFilter): string[] {
  const out: string[] = [];
  const { timeline, threads } = state;
  for (let i = timeline.length - 1; i >= 0; i--) {
    const id = timeline[i] as string;
    if (filter.status === "all" && filter.agentId === "all") {
      out.push(id);
      continue;
    }
    const t = threads.get(id);
    if (!t) continue;
    if (filter.status !== "all" && t.status !== filter.status) continue;
    if (filter.agentId !== "all" && !involves(t, filter.agentId)) continue;
    out.push(id);
  }
  return out;
}

function involves(t: ThreadRow, agentId: string): boolean {
  return t.initiatorId === agentId || t.respondentIds.includes(agentId);
}

export type ResolutionLabel = ResolutionType | "open";

/** How a thread ended, as the timeline names it. */
export function resolutionOf(t: ThreadRow): ResolutionLabel {
  if (t.resolution) return t.resolution.type;
  if (t.status === "timeout" || t.status === "closed" || t.status === "cancelled") return t.status;
  return "open";
}

export interface ScoringBreakdown {
  /** Consultations whose highest score came from each layer. */
  readonly winning: Record<ScoreLayer, number>;
  /** Every layer hit against any agent, over all consultations. */
  readonly fired: Record<ScoreLayer, number>;
  readonly categories: Record<"concerned" | "gray_zone" | "pass", number>;
}

export function scoringBreakdown(state: DashboardState): ScoringBreakdown {
  const zero = () => Object.fromEntries(LAYERS.map((l) => [l, 0])) as Record<ScoreLayer, number>;
  const winning = zero();
  const fired = zero();
  const categories = { concerned: 0, gray_zone: 0, pass: 0 };
  for (const t of state.threads.values()) {
    if (t.layer) winning[t.layer] += 1;
    categories[t.category] += 1;
    for (const impact of t.impacts) for (const hit of impact.hits) fired[hit.layer] += 1;
  }
  return { winning, fired, categories };
}

export interface SessionMetrics {
  readonly agentId: string;
  readonly total: number;
  /** Only the kinds that occurred. */
  readonly counts: Partial<Record<ResolutionLabel, number>>;
}

/** The kinds that occurred, most frequent first: the columns of the consensus table. */
export function resolutionKinds(all: SessionMetrics): ResolutionLabel[] {
  return (Object.keys(all.counts) as ResolutionLabel[]).sort(
    (a, b) => (all.counts[b] ?? 0) - (all.counts[a] ?? 0) || a.localeCompare(b),
  );
}

/** Per session (the initiating agent) and overall: how consultations ended. */
export function consensusMetrics(state: DashboardState): { sessions: SessionMetrics[]; all: SessionMetrics } {
  const blank = (agentId: string) => ({
    agentId,
    total: 0,
    counts: {} as Partial<Record<ResolutionLabel, number>>,
  });
  const by = new Map<string, ReturnType<typeof blank>>();
  const all = blank("all");
  for (const t of state.threads.values()) {
    const row = by.get(t.initiatorId) ?? blank(t.initiatorId);
    by.set(t.initiatorId, row);
    const kind = resolutionOf(t);
    row.counts[kind] = (row.counts[kind] ?? 0) + 1;
    row.total += 1;
    all.counts[kind] = (all.counts[kind] ?? 0) + 1;
    all.total += 1;
  }
  return { sessions: [...by.values()].sort((a, b) => b.total - a.total), all };
}

export interface ConflictTile {
  readonly entry: HeldPath;
  /** `symbols`: what the agent works on in this file, as the newest scoring that named them said. */
  readonly holders: ReadonlyArray<{ agentId: string; via: readonly string[]; symbols: readonly string[] }>;
  /** Highest score of a live consultation naming this path (0 when none). */
  readonly score: number;
  /** How the newest symbol-refined scoring on this file related its holders; null when none did. */
  readonly relation: SymbolRelation | null;
}

type SymbolRelation = NonNullable<WireImpact["hits"][number]["symbols"]>["relation"];

interface SymbolsOnPath {
  readonly byAgent: Map<string, readonly string[]>;
  relation: SymbolRelation;
}

/** A file is only "disjoint" when every pair in it is: a shared symbol or shared state outranks it. */
const RELATION_RANK: Record<SymbolRelation, number> = { disjoint: 0, shared_state: 1, overlap: 2 };

/**
 * Which symbols each agent works on per file, from the symbol-refined hits of scored announcements
 * (the initiator's side is `mine`, the other agent's `theirs`). Threads are read oldest first, so the
 * newest scoring of a file sets its relation: the strongest one among that scoring's agents.
 */
function symbolsByPath(state: DashboardState): Map<string, SymbolsOnPath> {
  const found = new Map<string, SymbolsOnPath>();
  for (const id of state.timeline) {
    const thread = state.threads.get(id);
    if (thread === undefined) continue;
    const relations = new Map<string, SymbolRelation>();
    for (const impact of thread.impacts) {
      for (const hit of impact.hits) {
        if (hit.symbols === undefined) continue;
        for (const path of hit.matches) {
          const entry = found.get(path) ?? { byAgent: new Map(), relation: hit.symbols.relation };
          entry.byAgent.set(thread.initiatorId, hit.symbols.mine);
          entry.byAgent.set(impact.agent_id, hit.symbols.theirs);
          found.set(path, entry);
          const before = relations.get(path);
          if (before === undefined || RELATION_RANK[hit.symbols.relation] > RELATION_RANK[before]) {
            relations.set(path, hit.symbols.relation);
          }
        }
      }
    }
    for (const [path, relation] of relations) (found.get(path) as SymbolsOnPath).relation = relation;
  }
  return found;
}

const EDIT_WINDOW_MS = 30 * 60_000;

/** The conflict map: paths held now, most contended first. Edits count for 30 minutes. */
export function conflictTiles(state: DashboardState, now: number): ConflictTile[] {
  const scores = new Map<string, number>();
  for (const t of state.threads.values()) {
    if (!isLive(t.status)) continue;
    for (const f of t.targetFiles) scores.set(`file:${f}`, Math.max(scores.get(`file:${f}`) ?? 0, t.score));
    for (const m of t.targetModules)
      scores.set(`module:${m}`, Math.max(scores.get(`module:${m}`) ?? 0, t.score));
  }
  const symbols = symbolsByPath(state);
  const tiles: ConflictTile[] = [];
  for (const entry of state.held.values()) {
    const known = entry.kind === "file" ? symbols.get(entry.path) : undefined;
    const holders: Array<{ agentId: string; via: string[]; symbols: readonly string[] }> = [];
    for (const [agentId, h] of entry.holders) {
      const via = [...h.via].filter((v) => v !== "editing" || now - h.at < EDIT_WINDOW_MS);
      if (via.length > 0)
        holders.push({ agentId, via: via.sort(), symbols: known?.byAgent.get(agentId) ?? [] });
    }
    if (holders.length === 0) continue;
    tiles.push({ entry, holders, score: scores.get(entry.key) ?? 0, relation: known?.relation ?? null });
  }
  return tiles.sort(
    (a, b) =>
      b.holders.length - a.holders.length || b.score - a.score || a.entry.path.localeCompare(b.entry.path),
  );
}
