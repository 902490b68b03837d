import { renameSync } from "node:fs";
import { join } from "node:path";
import type { CoChangeSnapshotStore } from "@mcp-coordinator/core";
import { MemoryEventBus } from "@mcp-coordinator/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { type CoordinatorStack, composeCoordinator } from "../src/server/compose/compose-coordinator.js";
import { repoWithPair } from "./git-repo.js";
import { tempDir, testLogger } from "./helpers.js";
import { type FreshDatabase, STORE_KINDS } from "./store-kinds.js";

/** The PostgreSQL store opened again, seen through the accessor compose uses. */
type SnapshotHolder = { coChangeSnapshots(): CoChangeSnapshotStore };

const stacks: CoordinatorStack[] = [];
let database: FreshDatabase | null = null;
afterEach(async () => {
  for (const stack of stacks.splice(0).reverse()) await stack.teardown.run();
  await database?.drop();
  database = null;
});

async function instance(db: FreshDatabase, repoRoot: string, id: string): Promise<CoordinatorStack> {
  const stack = await composeCoordinator({
    env: { ...db.env, COORDINATOR_INSTANCE_ID: id, COORDINATOR_LAYER4_SHARED_POLL_MS: "100" },
    configFile: null,
    dataDir: join(tempDir("shared-data-"), "data"),
    repoRoot,
    bus: new MemoryEventBus(),
    logger: testLogger(),
  });
  stacks.push(stack);
  return stack;
}

const postgres = STORE_KINDS.find((kind) => kind.name === "PostgreSQL");
if (!postgres) throw new Error("store-kinds lists no PostgreSQL");

describe("Layer 4 shared by two coordinators on one PostgreSQL", () => {
  it("scans on the leader only; the follower scores Layer 4 from the stored result", async () => {
    database = await postgres.fresh();
    // a.ts and b.ts changed together in three commits: a strong Layer 4 pair.
    const repo = repoWithPair(["a.ts", "b.ts"], 3, "shared-repo-");
    const leader = await instance(database, repo, "one");
    expect(await leader.cluster.acquire()).toBe(true);
    await expect.poll(() => leader.coChange?.status().available, { timeout: 10_000 }).toBe(true);
    const leaderStatus = leader.coChange?.status();
    expect(leaderStatus).toMatchObject({ commitsScanned: 3, pairCount: 2 });

    // The repository is no longer readable where the follower runs: a scan of its own would say so.
    renameSync(join(repo, ".git"), join(repo, "git-moved"));
    const follower = await instance(database, repo, "two");
    expect(await follower.cluster.acquire()).toBe(false);
    await expect.poll(() => follower.coChange?.status().available, { timeout: 10_000 }).toBe(true);
    expect(follower.coChange?.status()).toEqual(leaderStatus);
    expect(follower.coChange?.partnersOf("a.ts")).toEqual([
      { file: "a.ts", partner: "b.ts", together: 3, fileCommits: 3, strength: 1 },
    ]);

    // Scoring on the follower: alice edits a.ts, bob announces b.ts, its co-change partner.
    const org = { orgId: "default" };
    const as = (agentId: string) => ({ orgId: "default", userId: "u", agentId });
    for (const id of ["alice", "bob"])
      await follower.coordinator.registerAgent(org, { agentId: id, name: id });
    await follower.coordinator.recordFileActivity(as("alice"), { path: "a.ts" });
    const result = await follower.coordinator.announceWork(as("bob"), {
      subject: "bob",
      targetFiles: ["b.ts"],
    });
    expect({ score: result.score, layer: result.layer }).toEqual({ score: 60, layer: "4" });

    // Nothing the follower did wrote a result: the stored one is still the leader's first.
    const store = await database.openAgain();
    try {
      const snapshots = (store as unknown as SnapshotHolder).coChangeSnapshots();
      expect(await snapshots.latest(repo)).toMatchObject({ version: 1, commitsScanned: 3 });
    } finally {
      await store.close();
    }
  });
});
