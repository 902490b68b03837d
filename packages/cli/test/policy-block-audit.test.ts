import { MemoryStore } from "@mcp-coordinator/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { postJson, startTestServer } from "./helpers.js";

let server: CoordinatorServer;
const store = new MemoryStore();

beforeAll(async () => {
  server = await startTestServer({ store });
});
afterAll(async () => {
  await server?.close();
});

const policyRecords = () =>
  store.transaction(async (tx) =>
    (await tx.audit.list("default", { afterSeq: 0, limit: 1_000 })).filter(
      (r) => r.action === "policy.blocked",
    ),
  );

async function preEdit(agent: string, path: string, policy: "observe" | "warn" | "block") {
  const res = await postJson(
    `${server.url}/api/hooks/pre-edit`,
    { agent_id: agent, name: agent, path, claim: policy === "block" ? "if-clear" : "always", policy },
    { "x-request-id": `req-${agent}-${policy}` },
  );
  expect(res.status).toBe(200);
  return res.body;
}

describe("policy blocks are audited", () => {
  it("records an edit hook's block in the pre-edit transaction, and nothing for warn or a free file", async () => {
    await preEdit("alice", "src/core/user.ts", "block"); // free: alice claims it, nothing is blocked
    expect(await policyRecords()).toEqual([]);
    expect((await preEdit("bob", "src/core/user.ts", "warn")).conflict).toBe(true);
    expect(await policyRecords()).toEqual([]);

    const answer = await preEdit("carol", "src/core/user.ts", "block");
    expect(answer.conflict).toBe(true);
    expect(answer.claimed).toBe(false);
    const [record, ...rest] = await policyRecords();
    expect(rest).toEqual([]);
    expect(record).toMatchObject({
      action: "policy.blocked",
      target: "src/core/user.ts",
      actorAgentId: "carol",
      actorUserId: "local",
      requestId: "req-carol-block",
      details: { at: "pre-edit", paths: ["src/core/user.ts"], holders: ["alice", "bob"], threads: [] },
    });
  });

  it("records the git guard's block before answering it, only for the paths its policy blocks", async () => {
    const before = (await policyRecords()).length;
    const res = await postJson(`${server.url}/api/hooks/check-paths`, {
      paths: ["src/core/user.ts", "README.md"],
      hook: "pre-push",
      policy: { "src/core/user.ts": "block", "README.md": "block" },
    });
    expect(res.status).toBe(200);
    const records = await policyRecords();
    expect(records).toHaveLength(before + 1);
    expect(records.at(-1)).toMatchObject({
      target: "src/core/user.ts",
      actorAgentId: "git-guard",
      details: { at: "pre-push", paths: ["src/core/user.ts"], holders: ["alice", "bob"] },
    });

    // warn, or no policy sent: the guard passes, nothing to record.
    await postJson(`${server.url}/api/hooks/check-paths`, {
      paths: ["src/core/user.ts"],
      policy: { "src/core/user.ts": "warn" },
    });
    await postJson(`${server.url}/api/hooks/check-paths`, { paths: ["src/core/user.ts"] });
    expect(await policyRecords()).toHaveLength(before + 1);
  });

  it("refuses a policy mode it does not know, saying which", async () => {
    const res = await postJson(`${server.url}/api/hooks/check-paths`, {
      paths: ["a.ts"],
      policy: { "a.ts": "deny" },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("policy");
  });
});
