import { describe, expect, it } from "vitest";
import type { SymbolFootprint } from "../../model/symbols.js";
import { agentFixture, announcementFixture } from "../../testing/fixtures.js";
import type { SymbolEvidence } from "./refine-by-symbols.js";
import { scoreAnnouncement } from "./score-announcement.js";

const FILE = "src/auth.ts";
const noCoChange = () => [];
const footprint = (...symbols: string[]): SymbolFootprint => ({ symbols, sharedState: false });

/** alice announces `mine`; each other agent announced FILE with the symbols given. */
function scoreWith(mine: SymbolFootprint, theirs: Record<string, SymbolFootprint>, maxConsulted: number) {
  const ids = Object.keys(theirs);
  const symbols: SymbolEvidence = {
    mine: (path) => (path === FILE ? mine : undefined),
    theirs: (agentId, path) => (path === FILE ? theirs[agentId] : undefined),
  };
  return scoreAnnouncement(
    { agentId: "alice", targetFiles: [FILE], dependsOnFiles: [], targetModules: [] },
    {
      agents: ids.map((id) => agentFixture({ id, name: id })),
      announcements: ids.map((id) =>
        announcementFixture({ id: `a-${id}`, agentId: id, targetFiles: [FILE] }),
      ),
      activity: [],
      claims: [],
    },
    noCoChange,
    { maxConsulted },
    symbols,
  );
}

describe("scoreAnnouncement with symbols", () => {
  it("ranks after refining, so the same-symbol agent gets the one slot and the disjoint one is counted as gray zone", () => {
    const result = scoreWith(footprint("login"), { anna: footprint("logout"), zoe: footprint("login") }, 1);
    expect(result).toMatchObject({ score: 100, layer: "0a", category: "concerned" });
    expect(result.impacts.map((i) => i.agentId)).toEqual(["zoe"]);
    expect(result.impacts[0]?.hits[0]?.symbols).toEqual({
      relation: "overlap",
      mine: ["login"],
      theirs: ["login"],
    });
    expect(result.others).toEqual({ count: 1, concerned: 0, grayZone: 1, agentIds: ["anna"] });
  });

  it("shows the disjoint agent at 0s when a slot is left for it", () => {
    const result = scoreWith(footprint("login"), { anna: footprint("logout"), zoe: footprint("login") }, 2);
    expect(result.impacts.map((i) => [i.agentId, i.score, i.layer])).toEqual([
      ["zoe", 100, "0a"],
      ["anna", 50, "0s"],
    ]);
  });

  it("is a gray zone overall when every agent in the file is on other symbols, shown or counted", () => {
    const result = scoreWith(footprint("login"), { anna: footprint("logout"), zoe: footprint("refresh") }, 1);
    expect(result).toMatchObject({ score: 50, layer: "0s", category: "gray_zone" });
    expect(result.others).toMatchObject({ count: 1, concerned: 0, grayZone: 1 });
  });

  it("changes nothing when my side names no symbols", () => {
    const symbols: SymbolEvidence = { mine: () => undefined, theirs: () => footprint("logout") };
    const input = { agentId: "alice", targetFiles: [FILE], dependsOnFiles: [], targetModules: [] };
    const evidence = {
      agents: [agentFixture({ id: "anna", name: "anna" })],
      announcements: [announcementFixture({ id: "a1", agentId: "anna", targetFiles: [FILE] })],
      activity: [],
      claims: [],
    };
    expect(scoreAnnouncement(input, evidence, noCoChange, {}, symbols)).toEqual(
      scoreAnnouncement(input, evidence, noCoChange),
    );
  });
});
