import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CoChangePair } from "../../model/co-change.js";
import type { EvidenceQuery, ScoringEvidence } from "../../model/evidence.js";
import { categorize, type ScoreLayer } from "../../model/scoring.js";
import { modulesOverlap } from "../../paths/normalize-path.js";
import { activityFixture, agentFixture, announcementFixture, claimFixture } from "../../testing/fixtures.js";
import { collectEvidenceByScan } from "./collect-evidence-by-scan.js";
import { compareText } from "./compare-text.js";
import { ConflictIndex } from "./conflict-index.js";
import {
  type AnnouncementInput,
  scoreAnnouncement,
  scoreAnnouncementExplainingAll,
} from "./score-announcement.js";
import { DEFAULT_SCORING_OPTIONS } from "./scoring-options.js";

const FEW_FILES = ["src/a.ts", "src/b.ts", "src/c.ts", "src/auth/x.ts", "lib/d.ts", "pnpm-lock.yaml"];
/** Enough paths that my side spans several 32-bit words of a RankSet. */
const MANY_FILES = [...FEW_FILES, ...Array.from({ length: 42 }, (_, i) => `src/many/f${i}.ts`)];
const MODULES = ["src", "src/auth", "src/authz", "src/auth/session", "lib"];
const AGENTS = ["alice", "bob", "carol", "dave"];
/** "zed" owns rows but is never in evidence.agents; "alice" is the announcer. */
const ROW_OWNERS = [...AGENTS, "zed"];

interface Scenario {
  readonly input: AnnouncementInput;
  readonly evidence: ScoringEvidence;
  readonly pairs: readonly CoChangePair[];
}

function scenariosOver(pool: readonly string[]): fc.Arbitrary<Scenario> {
  const files = fc.subarray([...pool]);
  const path = fc.constantFrom(...pool);
  const owner = fc.constantFrom(...ROW_OWNERS);
  const pair = fc
    .record({
      file: path,
      partner: path,
      together: fc.integer({ min: 0, max: 8 }),
      extra: fc.integer({ min: 0, max: 16 }),
    })
    .filter((p) => p.together + p.extra > 0)
    .map(({ file, partner, together, extra }): CoChangePair => {
      const fileCommits = together + extra;
      return { file, partner, together, fileCommits, strength: together / fileCommits };
    });
  return fc
    .record({
      input: fc.record({
        agentId: fc.constant("alice"),
        targetFiles: files,
        dependsOnFiles: files,
        targetModules: fc.subarray(MODULES),
      }),
      agents: fc.uniqueArray(fc.record({ id: fc.constantFrom(...AGENTS), modules: fc.subarray(MODULES) }), {
        selector: (agent) => agent.id,
      }),
      announcements: fc.array(
        fc.record({
          agentId: owner,
          targetFiles: files,
          dependsOnFiles: files,
          targetModules: fc.subarray(MODULES),
        }),
        { maxLength: 6 },
      ),
      activity: fc.array(fc.record({ agentId: owner, path }), { maxLength: 6 }),
      claims: fc.array(fc.record({ agentId: owner, path }), { maxLength: 4 }),
      pairs: fc.array(pair, { maxLength: 8 }),
    })
    .map((s) => ({
      input: s.input,
      pairs: s.pairs,
      evidence: {
        agents: s.agents.map((a) => agentFixture({ id: a.id, name: a.id.toUpperCase(), modules: a.modules })),
        announcements: s.announcements.map((a, i) => announcementFixture({ id: `n${i}`, ...a })),
        activity: s.activity.map((a, i) => activityFixture({ id: `e${i}`, ...a })),
        claims: s.claims.map((c) => claimFixture(c)),
      },
    }));
}

/**
 * The scenario's rows put into the in-memory index, and the evidence it collects for the announcement
 * (the store's query: my targets, dependencies and their co-change partners, and my modules), next to
 * what the reference scan finds in the same rows. The scenario's evidence is already "what the store
 * found", so every row is live: activity since 0, announcements and claims unexpired at 2,000.
 */
function collectedBoth(
  s: Scenario,
  queryChange: "as announced" | "a file left out" | "other modules" | "someone else excluded",
): { indexed: ScoringEvidence; scanned: ScoringEvidence } {
  const rows = { ...s.evidence };
  const index = new ConflictIndex();
  for (const agent of rows.agents) index.upsertAgent(agent);
  for (const announcement of rows.announcements) index.putAnnouncement(announcement);
  for (const row of rows.activity) index.addActivity(row);
  for (const claim of rows.claims) index.putClaim(claim);
  const partners = s.input.targetFiles.flatMap((file) => coChangeOf(s.pairs)(file).map((p) => p.partner));
  const files = [...new Set([...s.input.targetFiles, ...s.input.dependsOnFiles, ...partners])];
  const query: EvidenceQuery = {
    orgId: "default",
    excludeAgentId: queryChange === "someone else excluded" ? "bob" : s.input.agentId,
    files: queryChange === "a file left out" ? files.slice(1) : files,
    modules: queryChange === "other modules" ? ["src/auth"] : s.input.targetModules,
    activitySince: 0,
    now: 2_000,
  };
  return { indexed: index.collect(query), scanned: collectEvidenceByScan(rows, query) };
}

const coChangeOf = (pairs: readonly CoChangePair[]) => (path: string) => pairs.filter((p) => p.file === path);

interface ExpectedHit {
  readonly score: number;
  readonly matches: readonly string[];
}

/** Which layers fire against each agent, with what files or modules, by brute force from the spec's table. */
function firedLayers({ input, evidence, pairs }: Scenario): Map<string, Map<ScoreLayer, ExpectedHit>> {
  const fired = new Map<string, Map<ScoreLayer, ExpectedHit>>();
  const options = DEFAULT_SCORING_OPTIONS;
  const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort(compareText);
  for (const agent of evidence.agents) {
    if (agent.id === input.agentId) continue;
    const layers = new Map<ScoreLayer, ExpectedHit>();
    const announcements = evidence.announcements.filter((a) => a.agentId === agent.id);
    const announced = announcements.flatMap((a) => a.targetFiles);
    const theirDependencies = announcements.flatMap((a) => a.dependsOnFiles);
    const edited = evidence.activity.filter((a) => a.agentId === agent.id).map((a) => a.path);
    const claimed = evidence.claims.filter((c) => c.agentId === agent.id).map((c) => c.path);
    const theirModules = [...announcements.flatMap((a) => a.targetModules), ...agent.modules];
    const fire = (layer: ScoreLayer, score: number, matches: readonly string[]) => {
      if (matches.length > 0) layers.set(layer, { score, matches: sortedUnique(matches) });
    };
    const both = (mine: readonly string[], theirs: readonly string[]) =>
      mine.filter((f) => theirs.includes(f));
    fire("0a", 100, both(input.targetFiles, announced));
    fire("0b", 80, both(input.dependsOnFiles, announced));
    fire("0c", 80, both(input.targetFiles, theirDependencies));
    fire("1", 100, both(input.targetFiles, [...edited, ...claimed]));
    fire("2", 80, both(input.dependsOnFiles, edited));
    fire(
      "3",
      30,
      theirModules.filter((t) => input.targetModules.some((m) => modulesOverlap(m, t))),
    );
    let coChangeScore = 0;
    const partners: string[] = [];
    for (const pair of pairs) {
      if (!input.targetFiles.includes(pair.file) || input.targetFiles.includes(pair.partner)) continue;
      if (pair.together < options.coChangeMinCommits || pair.strength < options.coChangeWeak) continue;
      if (![...announced, ...edited, ...claimed].includes(pair.partner)) continue;
      coChangeScore = Math.max(coChangeScore, pair.strength >= options.coChangeStrong ? 60 : 40);
      partners.push(pair.partner);
    }
    fire("4", coChangeScore, partners);
    if (layers.size > 0) fired.set(agent.id, layers);
  }
  return fired;
}

/** No cap: every affected agent explained, so the properties below see all of them. */
const ALL = { maxConsulted: Number.POSITIVE_INFINITY };

describe.each([
  ["a few files", scenariosOver(FEW_FILES)],
  ["dozens of files", scenariosOver(MANY_FILES)],
])("scoreAnnouncement, for any evidence over %s", (_pool, scenarios) => {
  it("fires exactly the layers the spec's table names, against exactly the affected agents", () => {
    fc.assert(
      fc.property(scenarios, (s) => {
        const result = scoreAnnouncement(s.input, s.evidence, coChangeOf(s.pairs), ALL);
        const expected = firedLayers(s);
        expect(result.impacts.map((impact) => impact.agentId).sort()).toEqual([...expected.keys()].sort());
        for (const impact of result.impacts) {
          const layers = Object.fromEntries(
            impact.hits.map((hit) => [hit.layer, { score: hit.score, matches: hit.matches }]),
          );
          expect(layers).toEqual(Object.fromEntries(expected.get(impact.agentId) ?? []));
        }
      }),
    );
  });

  it("scores each agent and the whole result by the best fired layer, with a matching category", () => {
    fc.assert(
      fc.property(scenarios, (s) => {
        const result = scoreAnnouncement(s.input, s.evidence, coChangeOf(s.pairs), ALL);
        const every = [...firedLayers(s).values()].flatMap((layers) =>
          [...layers.values()].map((hit) => hit.score),
        );
        expect(result.score).toBe(Math.max(0, ...every));
        expect(result.category).toBe(categorize(result.score));
        expect(result.layer === null).toBe(result.score === 0);
        for (const impact of result.impacts) {
          expect(impact.score).toBe(Math.max(...impact.hits.map((hit) => hit.score)));
          expect(impact.layer).toBe(impact.hits[0]?.layer);
          expect(impact.category).toBe(categorize(impact.score));
          const scores = impact.hits.map((hit) => hit.score);
          expect(scores).toEqual([...scores].sort((a, b) => b - a));
        }
        const order = result.impacts.map((impact) => [-impact.score, impact.agentId] as const);
        expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)));
      }),
    );
  });

  it("explains the K most affected agents exactly as without a cap, and counts the rest", () => {
    fc.assert(
      fc.property(scenarios, fc.integer({ min: 1, max: 4 }), (s, maxConsulted) => {
        const all = scoreAnnouncement(s.input, s.evidence, coChangeOf(s.pairs), ALL);
        const capped = scoreAnnouncement(s.input, s.evidence, coChangeOf(s.pairs), { maxConsulted });
        const rest = all.impacts.slice(maxConsulted);
        expect(capped.impacts).toEqual(all.impacts.slice(0, maxConsulted));
        expect({ score: capped.score, layer: capped.layer, category: capped.category }).toEqual({
          score: all.score,
          layer: all.layer,
          category: all.category,
        });
        expect(capped.others).toEqual({
          count: rest.length,
          concerned: rest.filter((i) => i.category === "concerned").length,
          grayZone: rest.filter((i) => i.category === "gray_zone").length,
          agentIds: rest.map((i) => i.agentId).sort(),
        });
      }),
    );
  });

  it("answers exactly what explaining every agent answers (the fast path is only faster)", () => {
    fc.assert(
      fc.property(scenarios, fc.integer({ min: 1, max: 5 }), (s, maxConsulted) => {
        const coChange = coChangeOf(s.pairs);
        expect(scoreAnnouncement(s.input, s.evidence, coChange, { maxConsulted })).toEqual(
          scoreAnnouncementExplainingAll(s.input, s.evidence, coChange, { maxConsulted }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("answers what explaining every agent answers when the symbol layer refines same-file hits", () => {
    const SYMBOLS = ["login", "logout", "refresh"];
    const footprint = fc.option(
      fc.record({ symbols: fc.subarray(SYMBOLS, { minLength: 1 }), sharedState: fc.boolean() }),
      { nil: undefined },
    );
    const table = fc.dictionary(
      fc.constantFrom(...AGENTS, "me"),
      fc.dictionary(fc.constantFrom(...FEW_FILES), footprint),
    );
    fc.assert(
      fc.property(scenarios, fc.integer({ min: 1, max: 5 }), table, (s, maxConsulted, known) => {
        const coChange = coChangeOf(s.pairs);
        const symbols = {
          mine: (path: string) => known.me?.[path],
          theirs: (agentId: string, path: string) => known[agentId]?.[path],
        };
        expect(scoreAnnouncement(s.input, s.evidence, coChange, { maxConsulted }, symbols)).toEqual(
          scoreAnnouncementExplainingAll(s.input, s.evidence, coChange, { maxConsulted }, symbols),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("answers from the in-memory index's holders exactly what explaining every scanned row answers", () => {
    const SYMBOLS = ["login", "logout"];
    const footprint = fc.option(
      fc.record({ symbols: fc.subarray(SYMBOLS, { minLength: 1 }), sharedState: fc.boolean() }),
      { nil: undefined },
    );
    const table = fc.dictionary(
      fc.constantFrom(...AGENTS, "me"),
      fc.dictionary(fc.constantFrom(...FEW_FILES), footprint),
    );
    // Any query that does not match the announcement must not use the holders (they answer another question).
    const change = fc.constantFrom(
      "as announced" as const,
      "as announced" as const,
      "a file left out" as const,
      "other modules" as const,
      "someone else excluded" as const,
    );
    fc.assert(
      fc.property(
        scenarios,
        fc.integer({ min: 1, max: 5 }),
        fc.option(table, { nil: undefined }),
        change,
        (s, maxConsulted, known, queryChange) => {
          const coChange = coChangeOf(s.pairs);
          const symbols =
            known === undefined
              ? undefined
              : {
                  mine: (path: string) => known.me?.[path],
                  theirs: (agentId: string, path: string) => known[agentId]?.[path],
                };
          const { indexed, scanned } = collectedBoth(s, queryChange);
          expect(scoreAnnouncement(s.input, indexed, coChange, { maxConsulted }, symbols)).toEqual(
            scoreAnnouncementExplainingAll(s.input, scanned, coChange, { maxConsulted }, symbols),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("gives the same answer whatever order the evidence rows come in", () => {
    fc.assert(
      fc.property(scenarios, fc.infiniteStream(fc.nat()), (s, stream) => {
        const shuffle = <T>(rows: readonly T[]): T[] => {
          const copy = [...rows];
          const picks = stream.take(copy.length);
          let i = copy.length;
          for (const pick of picks) {
            const j = pick % i;
            i -= 1;
            [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
          }
          return copy;
        };
        const shuffled: ScoringEvidence = {
          agents: shuffle(s.evidence.agents),
          announcements: shuffle(s.evidence.announcements),
          activity: shuffle(s.evidence.activity),
          claims: shuffle(s.evidence.claims),
        };
        expect(scoreAnnouncement(s.input, shuffled, coChangeOf(shuffle(s.pairs)))).toEqual(
          scoreAnnouncement(s.input, s.evidence, coChangeOf(s.pairs)),
        );
      }),
    );
  });
});
