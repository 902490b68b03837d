import type { Agent } from "../../model/agent.js";
import { categorize, NO_OTHERS, type OthersAffected, type ScoreLayer } from "../../model/scoring.js";
import { compareText } from "./compare-text.js";
import { compareHits } from "./layer-order.js";

/**
 * The `maxConsulted` most affected agents (to be explained in full) and every other affected agent (to
 * be counted). The overall best is the hit that carries the top score, ties broken in LAYER_ORDER, so
 * the answer does not depend on agent ids.
 *
 * Shown agents are ranked by score, then agent id. They are picked in one pass that keeps the best K so
 * far (K is small), not by sorting everyone.
 */
export function rankAffected<T extends Affected>(affected: Iterable<T>, maxConsulted: number): Ranking<T> {
  const shown: RankedAgent<T>[] = [];
  const counted: RankedAgent<T>[] = [];
  let best: RankedAgent<T> | undefined;
  for (const who of affected) {
    const top = who.topHit();
    if (top === undefined) continue;
    const entry: RankedAgent<T> = { who, score: top.score, layer: top.layer };
    if (best === undefined || compareHits(entry, best) < 0) best = entry;
    const bumped = keepBest(shown, entry, maxConsulted);
    if (bumped !== undefined) counted.push(bumped);
  }
  return { shown, counted, best };
}

export function countOthers(counted: readonly RankedAgent<Affected>[]): OthersAffected {
  let concerned = 0;
  let grayZone = 0;
  const agentIds: string[] = [];
  for (const { who, score } of counted) {
    agentIds.push(who.agent.id);
    const category = categorize(score);
    if (category === "concerned") concerned += 1;
    else if (category === "gray_zone") grayZone += 1;
  }
  agentIds.sort(compareText);
  return agentIds.length === 0 ? NO_OTHERS : { count: agentIds.length, concerned, grayZone, agentIds };
}

/** Highest score first, then agent id: the order impacts are shown in. */
function compareRanked(a: RankedAgent<Affected>, b: RankedAgent<Affected>): number {
  return b.score - a.score || compareText(a.who.agent.id, b.who.agent.id);
}

/**
 * Inserts `entry` into `best` (sorted by compareRanked, at most `limit` long) if it ranks among the best;
 * returns whichever entry did not make it (`entry` itself, or the one it pushed out), if any.
 */
function keepBest<T extends Affected>(
  best: RankedAgent<T>[],
  entry: RankedAgent<T>,
  limit: number,
): RankedAgent<T> | undefined {
  const last = best[best.length - 1];
  if (best.length >= limit && (last === undefined || compareRanked(entry, last) >= 0)) return entry;
  let at = best.length;
  while (at > 0 && compareRanked(entry, best[at - 1] as RankedAgent<T>) < 0) at -= 1;
  best.splice(at, 0, entry);
  return best.length > limit ? best.pop() : undefined;
}

/** What ranking needs of an affected agent: AgentTally (the fast pass) or AgentMatches (every detail). */
export interface Affected {
  readonly agent: Agent;
  topHit(): { readonly score: number; readonly layer: ScoreLayer } | undefined;
}

export interface Ranking<T extends Affected> {
  /** The `maxConsulted` best, best first. */
  readonly shown: readonly RankedAgent<T>[];
  /** Every other affected agent, in no particular order. */
  readonly counted: readonly RankedAgent<T>[];
  /** The best hit over everyone (shown[0]'s, up to a tie in layer order). */
  readonly best: RankedAgent<T> | undefined;
}

export interface RankedAgent<T extends Affected> {
  readonly who: T;
  readonly score: number;
  readonly layer: ScoreLayer;
}
