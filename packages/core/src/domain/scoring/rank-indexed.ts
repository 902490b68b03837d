import type { Agent } from "../../model/agent.js";
import { type AgentImpact, categorize, NO_OTHERS, type OthersAffected } from "../../model/scoring.js";
import type { AgentMatches } from "./agent-matches.js";
import { LAYER_BIT, topHitOf } from "./agent-tally.js";
import { explainAgents } from "./explain-agents.js";
import type { IndexedEvidence } from "./indexed-evidence.js";
import { compareHits } from "./layer-order.js";
import type { MyInterest } from "./my-interest.js";
import type { Affected, RankedAgent } from "./rank-affected.js";
import type { AnnouncementInput } from "./score-announcement.js";

/** What scoring needs back from a ranking pass: the shown agents explained, the rest counted. */
export interface RankedAndExplained {
  readonly shown: readonly RankedAgent<Affected>[];
  readonly others: OthersAffected;
  readonly best: { readonly score: number; readonly layer: RankedAgent<Affected>["layer"] } | undefined;
  readonly explained: ReadonlyMap<string, AgentMatches>;
  readonly refined: ReadonlyMap<string, AgentImpact>;
}

/** Refines the same-file hits of explained agents by symbols (score-announcement's refineAll). */
export type RefineExplained = (explained: ReadonlyMap<string, AgentMatches>) => Map<string, AgentImpact>;

/**
 * Whether `evidence` was collected for exactly this announcement, so its holders can stand in for
 * the rows: the announcer excluded, every path of mine queried, and my modules the queried modules.
 */
export function fitsIndexedEvidence(
  evidence: IndexedEvidence,
  input: AnnouncementInput,
  mine: MyInterest,
): boolean {
  const rows = evidence.collected;
  if (rows.excludeAgentId !== input.agentId) return false;
  if (!mine.paths.every((path) => rows.holders.has(path))) return false;
  const queried = new Set(rows.modules);
  const wanted = new Set(input.targetModules);
  return queried.size === wanted.size && [...wanted].every((module) => queried.has(module));
}

/**
 * The fast path of scoreAnnouncement over evidence from the in-memory index (check fitsIndexedEvidence
 * first). The first pass reads the index's holders per path, as agent slots, into two byte arrays
 * (fired layers as LAYER_BIT, best co-change score): one array write per (path, holder), no evidence
 * row, Map or object touched. Ranking walks the agents in id order, which is the order shown agents tie
 * in, so keeping the best K is a comparison with the last kept and the counted ids come out sorted.
 * Only the K shown agents (and, with symbols, the same-file ones) are explained, from their own rows.
 */
export function rankIndexed(
  input: AnnouncementInput,
  evidence: IndexedEvidence,
  mine: MyInterest,
  maxConsulted: number,
  refineAll: RefineExplained | undefined,
): RankedAndExplained {
  const rows = evidence.collected;
  const { layers, partners } = tallySlots(evidence, mine);
  const { agents, order } = rows;

  let refined: ReadonlyMap<string, AgentImpact> = NONE_REFINED;
  let detailed: ReadonlyMap<string, AgentMatches> = NONE_EXPLAINED;
  const sameFile = LAYER_BIT["0a"] | LAYER_BIT["1"];
  if (refineAll !== undefined) {
    // Symbols can only lower a same-file hit (0a, 1): those agents are explained and refined first.
    const chosen = new Uint8Array(rows.slotCount);
    const who: Agent[] = [];
    for (let i = 0; i < order.length; i += 1) {
      const slot = order[i] as number;
      if (((layers[slot] as number) & sameFile) === 0) continue;
      chosen[slot] = 1;
      who.push(agents[i] as Agent);
    }
    detailed = explainAgents(input, evidence.rowsOf(chosen), mine, who);
    refined = refineAll(detailed);
  }

  const shown: { index: number; score: number; layer: RankedAgent<Affected>["layer"] }[] = [];
  /** Every affected agent's index in `agents`, and its score: sized once, as a hot file fills them. */
  const affected = new Int32Array(order.length);
  const scores = new Uint8Array(order.length);
  let affectedCount = 0;
  let best: RankedAndExplained["best"];
  for (let i = 0; i < order.length; i += 1) {
    const slot = order[i] as number;
    const bits = layers[slot] as number;
    let top = topHitOf(bits, partners[slot] as number);
    if (top === undefined) continue;
    if (refined.size > 0 && (bits & sameFile) !== 0) {
      const impact = refined.get((agents[i] as Agent).id);
      if (impact !== undefined && impact.layer !== null) top = { score: impact.score, layer: impact.layer };
    }
    affected[affectedCount] = i;
    scores[affectedCount] = top.score;
    affectedCount += 1;
    if (best === undefined || compareHits(top, best) < 0) best = top;
    // Agents come in id order, so an equal score never displaces one already kept.
    if (shown.length === maxConsulted && top.score <= (shown[shown.length - 1]?.score ?? 0)) continue;
    let at = shown.length;
    while (at > 0 && (shown[at - 1]?.score ?? 0) < top.score) at -= 1;
    shown.splice(at, 0, { index: i, score: top.score, layer: top.layer });
    if (shown.length > maxConsulted) shown.pop();
  }

  const shownAt = new Set(shown.map((entry) => entry.index));
  const rest = new Uint8Array(rows.slotCount);
  const toExplain: Agent[] = [];
  const ranked = shown.map(({ index, score, layer }): RankedAgent<Affected> => {
    const agent = agents[index] as Agent;
    if (!detailed.has(agent.id)) {
      rest[order[index] as number] = 1;
      toExplain.push(agent);
    }
    const hit = { score, layer };
    return { who: { agent, topHit: () => hit }, score, layer };
  });
  const explained =
    toExplain.length === 0
      ? detailed
      : new Map([...detailed, ...explainAgents(input, evidence.rowsOf(rest), mine, toExplain)]);
  const others = countOthers(affected.subarray(0, affectedCount), scores, shownAt, agents);
  return { shown: ranked, others, best, explained, refined };
}

/** Per slot: the layers that fired (LAYER_BIT) and the best co-change partner score, from the holders. */
function tallySlots(
  evidence: IndexedEvidence,
  mine: MyInterest,
): { layers: Uint8Array; partners: Uint8Array } {
  const rows = evidence.collected;
  const layers = new Uint8Array(rows.slotCount);
  const partners = new Uint8Array(rows.slotCount);
  const mark = (slots: Int32Array, bits: number, partner: number) => {
    for (let i = 0; i < slots.length; i += 1) {
      const slot = slots[i] as number;
      layers[slot] = (layers[slot] as number) | bits;
      if (partner > (partners[slot] as number)) partners[slot] = partner;
    }
  };
  for (const what of mine.byPath.values()) {
    const holders = rows.holders.get(what.path);
    if (holders === undefined) continue;
    const partner = what.partner?.score ?? 0;
    const target = what.target ? LAYER_BIT["0a"] : 0;
    // They announced it: 0a, 0b or Layer 4, as the path is to me; they depend on my target: 0c.
    mark(holders.targeting, target | (what.dependency ? LAYER_BIT["0b"] : 0), partner);
    if (what.target) mark(holders.dependingOn, LAYER_BIT["0c"], 0);
    // They edited it recently (1, 2, 4) or claim it (1, 4).
    const held = what.target ? LAYER_BIT["1"] : 0;
    mark(holders.editing, held | (what.dependency ? LAYER_BIT["2"] : 0), partner);
    mark(holders.claiming, held, partner);
  }
  mark(rows.moduleSlots, LAYER_BIT["3"], 0);
  return { layers, partners };
}

/** The affected agents not shown, counted by category; ids come sorted (agents are in id order). */
function countOthers(
  affected: Int32Array,
  scores: Uint8Array,
  shownAt: ReadonlySet<number>,
  agents: readonly Agent[],
): OthersAffected {
  const count = affected.length - shownAt.size;
  if (count === 0) return NO_OTHERS;
  let concerned = 0;
  let grayZone = 0;
  const agentIds = new Array<string>(count);
  let next = 0;
  for (let k = 0; k < affected.length; k += 1) {
    const i = affected[k] as number;
    if (shownAt.has(i)) continue;
    const category = categorize(scores[k] as number);
    if (category === "concerned") concerned += 1;
    else if (category === "gray_zone") grayZone += 1;
    agentIds[next] = (agents[i] as Agent).id;
    next += 1;
  }
  return { count, concerned, grayZone, agentIds };
}

const NONE_REFINED: ReadonlyMap<string, AgentImpact> = new Map();
const NONE_EXPLAINED: ReadonlyMap<string, AgentMatches> = new Map();
