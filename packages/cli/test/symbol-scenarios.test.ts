import { readFileSync } from "node:fs";
import { type CoChangeSource, createCoordinator } from "@mcp-coordinator/core";
import { ManualClock, MemoryEventBus, MemoryStore, SequentialIds } from "@mcp-coordinator/core/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createSymbolExtractor } from "../src/server/symbols/symbol-extractor.js";

const FIXTURE = new URL("./fixtures/symbol-repo/", import.meta.url);
const source = (path: string) => readFileSync(new URL(path, FIXTURE), "utf8");
const extractor = createSymbolExtractor();
afterAll(() => extractor.close());

interface Scenario {
  readonly label: string;
  /** What the editing agent (alice) changes, in the fixture file. */
  readonly edit: { readonly path: string; readonly from: string; readonly to: string };
  /** What bob announces afterwards. */
  readonly announce: {
    readonly targetFiles: string[];
    readonly targetSymbols?: string[];
    readonly dependsOnFiles?: string[];
  };
  /** notice: what bob's "your input moved" notice must say, false when he must get none. */
  readonly expected: {
    readonly score: number;
    readonly layer: string | null;
    readonly notice: false | string;
  };
}

// Labelled scenarios over the multi-language fixture; the order of `expected.score` is the ranking.
const SCENARIOS: Scenario[] = [
  {
    label: "same symbol (TypeScript)",
    edit: { path: "src/auth.ts", from: 'return hash(user) !== "";', to: "return hash(user).length > 0;" },
    announce: { targetFiles: ["src/auth.ts"], targetSymbols: ["src/auth.ts#login"] },
    expected: { score: 100, layer: "1", notice: false },
  },
  {
    label: "shared module state (Go)",
    edit: { path: "src/server.go", from: 'import "net/http"', to: 'import (\n\t"log"\n\t"net/http"\n)' },
    announce: { targetFiles: ["src/server.go"], targetSymbols: ["src/server.go#Serve"] },
    expected: { score: 100, layer: "1", notice: false },
  },
  {
    label: "dependency edge (Rust)",
    edit: { path: "src/lib.rs", from: "HashMap::new()", to: "HashMap::with_capacity(4)" },
    announce: { targetFiles: ["src/main.rs"], dependsOnFiles: ["src/lib.rs"] },
    expected: { score: 80, layer: "2", notice: false },
  },
  {
    label: "co-change only (TypeScript)",
    edit: { path: "src/auth.ts", from: "console.log(user);", to: "console.info(user);" },
    announce: { targetFiles: ["src/session.ts"] },
    expected: { score: 60, layer: "4", notice: false },
  },
  {
    label: "disjoint symbols in one file (Python)",
    edit: { path: "src/store.py", from: "return self.data.get(key)", to: "return self.data.get(key, None)" },
    announce: { targetFiles: ["src/store.py"], targetSymbols: ["src/store.py#Store.put"] },
    expected: { score: 50, layer: "0s", notice: false },
  },
  {
    label: "disjoint methods of one class (JavaScript)",
    edit: { path: "src/cart.js", from: "this.items.push(item);", to: "this.items.unshift(item);" },
    announce: { targetFiles: ["src/cart.js"], targetSymbols: ["src/cart.js#Cart.total"] },
    expected: { score: 50, layer: "0s", notice: false },
  },
  {
    label: "disjoint files",
    edit: { path: "src/Api.java", from: "void audit() {}", to: "void audit() { users(1); }" },
    announce: { targetFiles: ["src/other.ts"] },
    expected: { score: 0, layer: null, notice: false },
  },
  {
    label: "signature change (Java), bob depends on the file",
    edit: { path: "src/Api.java", from: "users(int limit)", to: "users(int limit, boolean active)" },
    announce: { targetFiles: ["src/Client.java"], dependsOnFiles: ["src/Api.java"] },
    expected: {
      score: 80,
      layer: "2",
      notice: "users(int limit) → public List<String> users(int limit, boolean active)",
    },
  },
  {
    label: "component props change (TSX), bob depends on the file",
    edit: {
      path: "src/Button.tsx",
      from: "{ label, icon }: ButtonProps",
      to: "{ label, icon, onClick }: ButtonProps",
    },
    announce: { targetFiles: ["src/Page.tsx"], dependsOnFiles: ["src/Button.tsx"] },
    expected: {
      score: 80,
      layer: "2",
      notice:
        "Button: function Button({ label, icon }: ButtonProps): JSX.Element → function Button({ label, icon, onClick }: ButtonProps): JSX.Element",
    },
  },
];

const coChange: CoChangeSource = {
  partnersOf: (path) =>
    path === "src/session.ts"
      ? [{ file: "src/session.ts", partner: "src/auth.ts", together: 8, fileCommits: 10, strength: 0.8 }]
      : [],
  status: () => ({ state: "ready", pairs: 1, commits: 10, computedAt: 0, error: null }) as never,
};

async function run(scenario: Scenario) {
  const coordinator = createCoordinator({
    store: new MemoryStore(),
    bus: new MemoryEventBus(),
    clock: new ManualClock(),
    ids: new SequentialIds(),
    coChange,
  });
  const as = (agentId: string) => ({ orgId: "default", userId: "u", agentId });
  for (const id of ["alice", "bob", "carol"])
    await coordinator.registerAgent({ orgId: "default" }, { agentId: id, name: id });
  // bob and carol announce first when the scenario is about notices (they must be announced to depend).
  const notices = scenario.expected.notice !== false;
  if (notices) {
    await coordinator.announceWork(as("bob"), { subject: "bob", ...scenario.announce });
    await coordinator.announceWork(as("carol"), { subject: "carol", targetFiles: ["src/unrelated.ts"] });
  }
  const before = source(scenario.edit.path);
  expect(before).toContain(scenario.edit.from);
  const after = before.replace(scenario.edit.from, scenario.edit.to);
  const edited = await extractor.editedSymbols(scenario.edit.path, before, after);
  if (edited === null) throw new Error(`${scenario.label}: the fixture does not parse`);
  await coordinator.recordFileActivity(as("alice"), { path: scenario.edit.path });
  const recorded = await coordinator.recordEditedSymbols(as("alice"), {
    path: scenario.edit.path,
    edited,
  });
  const result = await coordinator.announceWork(as("bob"), { subject: "bob", ...scenario.announce });
  const bobInbox = await coordinator.getQueuedMessages(as("bob"), {});
  const carolInbox = await coordinator.getQueuedMessages(as("carol"), {});
  return { result, recorded, bobInbox, carolInbox };
}

describe("symbol scenarios over the labelled multi-language fixture", () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.label}: score ${scenario.expected.score}, layer ${scenario.expected.layer}`, async () => {
      const { result, recorded, bobInbox, carolInbox } = await run(scenario);
      expect({ score: result.score, layer: result.layer }).toEqual({
        score: scenario.expected.score,
        layer: scenario.expected.layer,
      });
      const notice = scenario.expected.notice;
      expect(recorded.notified).toEqual(notice === false ? [] : ["bob"]);
      const moved = bobInbox.filter((i) => i.kind === "input_moved");
      expect(moved).toHaveLength(notice === false ? 0 : 1);
      if (notice !== false) expect(moved[0]?.summary).toContain(notice);
      expect(carolInbox.filter((i) => i.kind === "input_moved")).toHaveLength(0);
    });
  }

  it("ranks the scenarios as labelled: same symbol and shared state, then dependency, co-change, disjoint symbols, disjoint files", async () => {
    const ranked = [];
    for (const scenario of SCENARIOS.filter((s) => s.expected.notice === false)) {
      ranked.push({ label: scenario.label, score: (await run(scenario)).result.score });
    }
    const order = [...ranked].sort((a, b) => b.score - a.score).map((r) => r.label);
    expect(order).toEqual(ranked.map((r) => r.label));
  });
});
