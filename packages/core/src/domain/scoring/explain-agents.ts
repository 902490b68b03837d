import type { Agent } from "../../model/agent.js";
import type { ScoringEvidence } from "../../model/evidence.js";
import { AgentMatches, type HeldKind } from "./agent-matches.js";
import { ModulePrefixIndex } from "./module-prefix-index.js";
import type { Interest, MyInterest } from "./my-interest.js";
import { pathListOf } from "./path-list.js";
import type { AnnouncementInput } from "./score-announcement.js";

/**
 * Second pass, over the rows of the `shown` agents only: every file and module that matched, for the
 * reasons. This is the straightforward scorer (every row checked against my side), applied to a few
 * agents.
 */
export function explainAgents(
  input: AnnouncementInput,
  evidence: ScoringEvidence,
  mine: MyInterest,
  shown: readonly Agent[],
): Map<string, AgentMatches> {
  const found = new Map<string, AgentMatches>();
  for (const agent of shown) found.set(agent.id, new AgentMatches(agent, mine));
  if (found.size === 0) return found;
  const shared: number[] = [];
  const myModules = new ModulePrefixIndex<string>();
  for (const module of input.targetModules) myModules.add(module, module);
  // Announced targets feed 0a/0b, recent edits 1/2, claims 1 only; all three can be co-change partners.
  const held = (matches: AgentMatches, what: Interest, kind: HeldKind) => {
    if (what.target) matches.addFile(kind === "announced" ? "0a" : kind, what);
    if (what.dependency && kind !== "claimed") matches.addFile(kind === "announced" ? "0b" : "2", what);
    if (what.partner !== undefined) matches.addPartner(what.partner, kind);
  };
  const heldRow = (row: { readonly agentId: string; readonly path: string }, kind: HeldKind) => {
    const matches = found.get(row.agentId);
    const what = matches === undefined ? undefined : mine.byPath.get(row.path);
    if (matches !== undefined && what !== undefined) held(matches, what, kind);
  };

  for (const announcement of evidence.announcements) {
    const matches = found.get(announcement.agentId);
    if (matches === undefined) continue;
    mine.probe.shared(pathListOf(announcement.targetFiles), shared);
    for (const m of shared) held(matches, mine.hashed[m] as Interest, "announced");
    mine.probe.shared(pathListOf(announcement.dependsOnFiles), shared);
    for (const m of shared) {
      const what = mine.hashed[m] as Interest;
      if (what.target) matches.addFile("0c", what);
    }
    for (const theirs of announcement.targetModules) {
      myModules.forEachOverlapping(theirs, (module) => matches.addModule("announced", theirs, module));
    }
  }
  for (const row of evidence.activity) heldRow(row, "edited");
  for (const claim of evidence.claims) heldRow(claim, "claimed");
  for (const matches of found.values()) {
    for (const theirs of matches.agent.modules) {
      myModules.forEachOverlapping(theirs, (module) => matches.addModule("registered", theirs, module));
    }
  }
  return found;
}
