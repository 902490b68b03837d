import type { ScoringEvidence } from "../../model/evidence.js";
import { modulesOverlap } from "../../paths/normalize-path.js";
import { AgentTally, LAYER_BIT } from "./agent-tally.js";
import type { Interest, MyInterest } from "./my-interest.js";
import { pathListOf } from "./path-list.js";
import type { AnnouncementInput } from "./score-announcement.js";

/**
 * First pass, over every evidence row: which layers fire against each agent, as bits (AgentTally).
 * An agent whose top hit is settled (0a) skips the rest of its rows, and the module overlap is only
 * looked at while nothing stronger fired.
 *
 * Each announcement's files are probed against mine (PathProbe), one step per file of theirs. This is
 * the pass for evidence from any store; evidence from the in-memory index is tallied from its holders
 * per path instead (rank-indexed).
 */
export function tallyAgents(
  input: AnnouncementInput,
  evidence: ScoringEvidence,
  mine: MyInterest,
): Map<string, AgentTally> {
  const tallies = new Map<string, AgentTally>();
  for (const agent of evidence.agents) {
    if (agent.id !== input.agentId) tallies.set(agent.id, new AgentTally(agent));
  }
  const overlapsMine = (modules: readonly string[]) =>
    modules.some((theirs) => input.targetModules.some((module) => modulesOverlap(module, theirs)));
  const open = (row: { readonly agentId: string }) => {
    const tally = tallies.get(row.agentId);
    return tally === undefined || tally.settled ? undefined : tally;
  };

  const shared: number[] = [];
  for (const announcement of evidence.announcements) {
    const tally = open(announcement);
    if (tally === undefined) continue;
    mine.probe.shared(pathListOf(announcement.targetFiles), shared);
    for (const m of shared) tally.theyAnnounce(mine.hashed[m] as Interest);
    if (tally.settled) continue;
    mine.probe.shared(pathListOf(announcement.dependsOnFiles), shared);
    for (const m of shared) tally.theyDependOn(mine.hashed[m] as Interest);
    if (!tally.beyondModules && overlapsMine(announcement.targetModules)) tally.layers |= LAYER_BIT["3"];
  }

  for (const row of evidence.activity) {
    const what = mine.byPath.get(row.path);
    if (what !== undefined) open(row)?.theyHold(what, true);
  }
  for (const claim of evidence.claims) {
    const what = mine.byPath.get(claim.path);
    if (what !== undefined) open(claim)?.theyHold(what, false);
  }
  for (const tally of tallies.values()) {
    if (!tally.beyondModules && overlapsMine(tally.agent.modules)) tally.layers |= LAYER_BIT["3"];
  }
  return tallies;
}
