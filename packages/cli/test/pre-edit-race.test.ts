import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CoordinatorServer, startServer } from "../src/index.js";
import { postJson, startTestServer, tempDir, testLogger } from "./helpers.js";

const FILES = 20;
const AGENTS = ["alice", "bob", "carol", "dave"];
const ADMIN_URL = process.env.MCPC_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Every agent asks the pre-edit hook for every file at once with `if-clear`; each file must end with
 * exactly one claim, and every other racer told about the conflict. Racer i talks to server i mod n.
 */
async function raceForFiles(servers: readonly CoordinatorServer[]): Promise<void> {
  const preEdit = (index: number, path: string) => {
    const agentId = AGENTS[index] as string;
    const server = servers[index % servers.length] as CoordinatorServer;
    return postJson(`${server.url}/api/hooks/pre-edit`, {
      agent_id: agentId,
      name: agentId,
      path,
      claim: "if-clear",
    });
  };
  // Every agent exists first, so the race is about the claim and not about registering.
  for (let i = 0; i < AGENTS.length; i++) await preEdit(i, `src/warm-up-${i}.ts`);
  const paths = Array.from({ length: FILES }, (_, i) => `src/race-${i}.ts`);
  const answers = await Promise.all(
    paths.map(async (path) => ({ path, racers: await Promise.all(AGENTS.map((_, i) => preEdit(i, path))) })),
  );
  for (const { path, racers } of answers) {
    expect(racers.map((r) => r.status)).toEqual(AGENTS.map(() => 200));
    expect(racers.filter((r) => r.body.claimed)).toHaveLength(1);
    expect(racers.filter((r) => !r.body.claimed).every((r) => r.body.conflict === true)).toBe(true);
    const server = servers[0] as CoordinatorServer;
    const held = await server.coordinator.checkFileConflict(
      { orgId: "default", agentId: "nobody" },
      { path },
    );
    expect(held.claimants).toHaveLength(1);
  }
}

describe("pre-edit hook under a race, SQLite (one instance)", () => {
  let server: CoordinatorServer;

  beforeAll(async () => {
    // store: undefined → the default store, SQLite in the test's data dir.
    server = await startTestServer({ store: undefined });
  });

  afterAll(async () => {
    await server.close();
  });

  it("gives each free file to exactly one of several agents claiming it at once", async () => {
    await raceForFiles([server]);
  });
});

describe("pre-edit hook under a race, PostgreSQL (two instances)", () => {
  const database = `mcpc_cli_pre_edit_${process.pid}_${Date.now()}`;
  const servers: CoordinatorServer[] = [];

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${database}`);
    for (let i = 0; i < 2; i++) {
      servers.push(
        await startServer({
          port: 0,
          mqttPort: 0,
          dataDir: tempDir(),
          env: { COORDINATOR_DATABASE_URL: ADMIN_URL.replace(/\/[^/]*$/, `/${database}`) },
          configFile: null,
          logger: testLogger(),
          dashboardDir: null,
        }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const server of servers) await server.close();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it("gives each free file to exactly one of several agents claiming it at once", {
    timeout: 30_000,
  }, async () => {
    await raceForFiles(servers);
  });
});
