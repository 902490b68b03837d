import {
  ConflictError,
  createClient,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  ToolCallError,
} from "@mcp-coordinator/sdk";
import type { CoordinatorServer } from "mcp-coordinator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCoordinator } from "./support/coordinator.js";

let server: CoordinatorServer;
beforeAll(async () => {
  server = await startCoordinator();
});
afterAll(async () => {
  await server.close();
});

describe("REST methods against a real coordinator (open mode)", () => {
  it("registers, heartbeats, claims, checks and lists as an agent", async () => {
    const client = createClient({ url: server.url });
    const registered = await client.registerAgent({ name: "Alice", agent_id: "alice" });
    expect(registered).toMatchObject({ agent_id: "alice", reattached: false });
    const alice = client.asAgent("alice");
    expect((await alice.heartbeat({ current_file: "src/a.ts" })).agent.id).toBe("alice");
    const claims = await alice.claimFiles({ paths: ["src/a.ts"] });
    expect(claims.claims.map((c) => c.path)).toEqual(["src/a.ts"]);
    await alice.recordFileActivity({ path: "src/a.ts", action: "edit" });
    await client.registerAgent({ name: "Bob", agent_id: "bob" });
    const check = await client.asAgent("bob").checkFile({ path: "src/a.ts" });
    expect(check.conflict).toBe(true);
    expect((await alice.releaseFiles()).released).toEqual(["src/a.ts"]);
    const agents = await client.listAgents({ include_offline: true });
    expect(agents.agents.map((a) => a.agent.id).sort()).toEqual(["alice", "bob"]);
    const status = await client.status();
    expect(status.agents.length).toBe(2);
    // No quota source is configured on this server: the pre-flight says so rather than failing.
    expect(status.quota).toMatchObject({ enabled: false, over_limit: false });
    expect(await client.quota()).toEqual(status.quota);
    expect(await client.refreshQuota()).toEqual(status.quota);
  });

  it("announces, reads the inbox, and acts on the thread as an operator", async () => {
    const client = createClient({ url: server.url });
    await client.registerAgent({ name: "Carol", agent_id: "carol" });
    await client.registerAgent({ name: "Dan", agent_id: "dan" });
    const carol = client.asAgent("carol");
    await carol.announce({ subject: "refactor util", target_files: ["src/util.ts"] });
    const announced = await client
      .asAgent("dan")
      .announce({ subject: "fix util", target_files: ["src/util.ts"] });
    const threadId = announced.thread_id;
    expect(threadId).toBeTruthy();
    const inbox = await carol.inbox({ ack: false, limit: 10 });
    expect(inbox.items.length).toBeGreaterThan(0);
    const acked = await carol.ackInbox({ ids: inbox.items.map((i) => i.id) });
    expect(acked.acked).toBe(inbox.items.length);
    const id = threadId as string;
    expect((await client.getThread(id)).thread.id).toBe(id);
    const posted = await client.postThreadMessage(id, { operator: "ops", content: "please split the file" });
    expect(posted.thread.id).toBe(id);
    const cancelled = await client.cancelThread(id, { operator: "ops", reason: "superseded" });
    expect(cancelled.thread.status).toBe("cancelled");
    await expect(client.contestThread(id, { reason: "too late" })).rejects.toBeInstanceOf(ConflictError);
    const snapshot = await client.snapshot();
    expect(snapshot.threads.some((t) => t.id === id)).toBe(true);
  });

  it("answers the health routes", async () => {
    const client = createClient({ url: server.url });
    expect(await client.liveness()).toEqual({ status: "ok" });
    expect((await client.health()).mode).toBe("open");
    expect((await client.readiness()).status).toBe("ready");
  });

  it("throws typed errors from the server's envelope", async () => {
    const client = createClient({ url: server.url });
    const missing = await client.getThread("T-404").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ code: "THREAD_NOT_FOUND", status: 404 });
    const anonymous = await client.heartbeat().catch((e: unknown) => e);
    expect(anonymous).toMatchObject({ code: "MISSING_AGENT_ID", status: 400 });
  });

  it("refuses a bad input before sending anything", async () => {
    let requests = 0;
    const client = createClient({
      url: server.url,
      fetch: (input, init) => {
        requests++;
        return fetch(input, init);
      },
    });
    const error = await client.claimFiles({ paths: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", details: { field: "paths" } });
    await expect(client.getThread("")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(requests).toBe(0);
  });

  it("reports a server that is not there as a NetworkError", async () => {
    const client = createClient({ url: "http://127.0.0.1:9" });
    await expect(client.liveness()).rejects.toBeInstanceOf(NetworkError);
  });

  it("refuses an unusable configuration", () => {
    expect(() => createClient({ url: "ftp://x" })).toThrow(/http/);
    expect(() => createClient({ url: server.url, token: "" })).toThrow(/empty/);
    expect(() => createClient({ url: server.url, agentId: " " })).toThrow(/agentId/);
  });
});

describe("coordination tools over MCP", () => {
  it("calls tools with typed inputs and outputs, one session per agent", async () => {
    const worker = createClient({ url: server.url });
    try {
      const registered = await worker.tool("register_agent", { name: "Worker", agent_id: "w1" });
      expect(registered.agent_id).toBe("w1");
      const status = await worker.tool("coordinator_status", {});
      expect(status.agents.some((a) => a.agent_id === "w1")).toBe(true);
      const refused = await worker.tool("get_thread", { thread_id: "T-999" }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ToolCallError);
      expect(refused).toMatchObject({ code: "THREAD_NOT_FOUND" });
    } finally {
      await worker.close();
    }
  });

  it("validates tool arguments before calling", async () => {
    const worker = createClient({ url: server.url });
    await expect(worker.tool("get_thread", { thread_id: "" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });
});
