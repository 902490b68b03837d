import { snapshotResponse } from "@mcp-coordinator/core/wire";
import { afterEach, describe, expect, it } from "vitest";
import { type CoordinatorServer, startServer } from "../src/index.js";
import { postJson, testLogger } from "./helpers.js";
import { type FreshDatabase, STORE_KINDS } from "./store-kinds.js";

function start(db: FreshDatabase): Promise<CoordinatorServer> {
  return startServer({
    port: 0,
    mqttPort: 0,
    dataDir: db.dataDir,
    env: db.env,
    configFile: null,
    logger: testLogger(),
    dashboardDir: null,
  });
}

/** What Claude Code's Stop hook sends for one turn. */
async function report(server: CoordinatorServer, agent: string, session: string, id: string, input: number) {
  const res = await postJson(`${server.url}/api/hooks/token-usage`, {
    agent_id: agent,
    name: agent,
    session,
    turns: [
      {
        message_id: id,
        model: "claude-sonnet-4-5",
        input_tokens: input,
        output_tokens: 10,
        cache_read_tokens: 100,
        cache_creation_tokens: 1,
      },
    ],
  });
  expect(res.status).toBe(200);
}

async function snapshot(server: CoordinatorServer) {
  const res = await fetch(`${server.url}/api/snapshot`);
  expect(res.status).toBe(200);
  return snapshotResponse.strict().parse(await res.json());
}

describe.each(STORE_KINDS)("token totals across a restart ($name)", (kind) => {
  let db: FreshDatabase | null = null;
  afterEach(async () => {
    await db?.drop();
    db = null;
  });

  it("serves the same per-agent, per-session totals from the snapshot after the coordinator restarts", {
    timeout: 60_000,
  }, async () => {
    db = await kind.fresh();
    const first = await start(db);
    let before: Awaited<ReturnType<typeof snapshot>>;
    try {
      await report(first, "alice", "s-1", "m1", 1_000);
      await report(first, "alice", "s-1", "m2", 500);
      await report(first, "alice", "s-2", "m3", 7);
      await report(first, "bob", "s-9", "m4", 3);
      before = await snapshot(first);
    } finally {
      await first.close();
    }
    const aliceS1 = before.tokens.find((t) => t.agent_id === "alice" && t.session_id === "s-1");
    expect(aliceS1).toMatchObject({
      input_tokens: 1_500,
      output_tokens: 20,
      cache_read_tokens: 200,
      cache_creation_tokens: 2,
      turns: 2,
    });
    expect(before.tokens).toHaveLength(3);
    expect(before.token_seq).toBeGreaterThan(0);

    const second = await start(db);
    try {
      const after = await snapshot(second);
      expect(after.tokens).toEqual(before.tokens);
      expect(after.token_seq).toBe(before.token_seq);
      // Reports after the restart add to the stored totals.
      await report(second, "alice", "s-1", "m5", 1);
      const added = await snapshot(second);
      expect(added.tokens.find((t) => t.agent_id === "alice" && t.session_id === "s-1")).toMatchObject({
        input_tokens: 1_501,
        turns: 3,
      });
      expect(added.token_seq).toBeGreaterThan(before.token_seq);
    } finally {
      await second.close();
    }
  });
});
