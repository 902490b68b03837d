import { MemoryEventBus } from "@mcp-coordinator/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { type CoordinatorStack, composeCoordinator } from "../src/server/compose/compose-coordinator.js";
import { tempDir, testLogger } from "./helpers.js";
import { type FreshDatabase, STORE_KINDS } from "./store-kinds.js";

const stacks: CoordinatorStack[] = [];
let database: FreshDatabase | null = null;
afterEach(async () => {
  for (const stack of stacks.splice(0).reverse()) await stack.teardown.run();
  await database?.drop();
  database = null;
});

async function instance(db: FreshDatabase, id: string): Promise<CoordinatorStack> {
  const stack = await composeCoordinator({
    env: { ...db.env, COORDINATOR_INSTANCE_ID: id },
    configFile: null,
    dataDir: db.dataDir,
    repoRoot: tempDir("symbols-repo-"),
    bus: new MemoryEventBus(),
    logger: testLogger(),
  });
  stacks.push(stack);
  return stack;
}

async function stop(stack: CoordinatorStack): Promise<void> {
  stacks.splice(stacks.indexOf(stack), 1);
  await stack.teardown.run();
}

const as = (agentId: string) => ({ orgId: "default", userId: "local", agentId });

/** alice announces login and bob logout, both in src/auth.ts: disjoint symbols of one file. */
async function announceDisjointPair(stack: CoordinatorStack): Promise<void> {
  for (const id of ["alice", "bob"]) {
    await stack.coordinator.registerAgent({ orgId: "default" }, { agentId: id, name: id });
  }
  await stack.coordinator.announceWork(as("alice"), {
    subject: "login",
    targetFiles: ["src/auth.ts"],
    targetSymbols: ["src/auth.ts#login"],
  });
  const bob = await stack.coordinator.announceWork(as("bob"), {
    subject: "logout",
    targetFiles: ["src/auth.ts"],
    targetSymbols: ["src/auth.ts#logout"],
  });
  expect(bob.layer).toBe("0s");
}

describe.each(STORE_KINDS)("announced target_symbols survive a restart ($name)", (kind) => {
  it("still lets a disjoint pair edit under the block policy after the coordinator restarts", async () => {
    database = await kind.fresh();
    const before = await instance(database, "one");
    await announceDisjointPair(before);
    await stop(before);

    const after = await instance(database, "one");
    const decision = await after.coordinator.preEdit(as("bob"), {
      path: "src/auth.ts",
      claim: "if-clear",
      policy: "block",
    });
    expect(decision.conflict.conflict).toBe(false);
    expect(decision.conflict.disjointSymbols).toEqual({
      mine: ["logout"],
      others: [{ agentId: "alice", symbols: ["login"] }],
    });
    expect(decision.claim).not.toBeNull();
    // And a re-announce scored on the restarted instance still sees alice's symbols.
    const again = await after.coordinator.announceWork(as("bob"), {
      subject: "logout, again",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#logout"],
    });
    expect({ layer: again.layer, score: again.score }).toEqual({ layer: "0s", score: 50 });
  });
});

const postgres = STORE_KINDS.find((kind) => kind.name === "PostgreSQL");
if (!postgres) throw new Error("store-kinds lists no PostgreSQL");

describe("two coordinators on one PostgreSQL share the symbol ledger", () => {
  it("decides on the symbols an announce and an edit left on the other instance", async () => {
    database = await postgres.fresh();
    const one = await instance(database, "one");
    const two = await instance(database, "two");
    await announceDisjointPair(one);

    // bob's edit hook lands on the other instance: alice's announced login counts there.
    const onTwo = await two.coordinator.preEdit(as("bob"), {
      path: "src/auth.ts",
      claim: "if-clear",
      policy: "block",
    });
    expect(onTwo.conflict.disjointSymbols?.others).toEqual([{ agentId: "alice", symbols: ["login"] }]);

    // alice's observed edit of logout is analysed on instance two; bob's next hook lands on one.
    await two.coordinator.recordFileActivity(as("alice"), { path: "src/auth.ts" });
    const drift = await two.coordinator.recordEditedSymbols(as("alice"), {
      path: "src/auth.ts",
      edited: { touched: ["logout"], sharedState: false, moved: [] },
    });
    expect(drift.drift?.addedSymbols).toEqual(["logout"]);
    const onOne = await one.coordinator.preEdit(as("bob"), { path: "src/auth.ts", claim: "never" });
    expect(onOne.conflict.conflict).toBe(true);
    expect(onOne.conflict.disjointSymbols).toBeNull();
  });
});
