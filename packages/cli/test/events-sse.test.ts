import { afterEach, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { openSse, postJson, startTestServer } from "./helpers.js";

let server: CoordinatorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe("/api/events", () => {
  it("streams every event in wire form with its seq as the SSE id", async () => {
    server = await startTestServer();
    const stream = await openSse(`${server.url}/api/events`);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain("text/event-stream");
    await postJson(`${server.url}/api/agents/register`, { name: "Alice" }, { "x-agent-id": "alice" });
    const [frame] = await stream.waitFor(1);
    expect(frame).toMatchObject({
      event: "agent.registered",
      data: {
        type: "agent.registered",
        org_id: "default",
        agent_id: "alice",
        user_id: "local",
        seq: Number(frame?.id),
      },
    });
    await stream.close();
  });

  it("records an operator's move from the dashboard with the acting user and no agent", async () => {
    server = await startTestServer();
    const c = server.coordinator;
    const as = (agentId: string) => ({ orgId: "default", userId: "local", agentId });
    await c.registerAgent({ orgId: "default" }, { agentId: "alice", name: "Alice" });
    await c.registerAgent({ orgId: "default" }, { agentId: "bob", name: "Bob" });
    await c.announceWork(as("alice"), { subject: "a", targetFiles: ["src/a.ts"] });
    const { threadId } = await c.announceWork(as("bob"), { subject: "b", targetFiles: ["src/a.ts"] });
    await c.proposeResolution(as("bob"), { threadId: threadId as string, content: "bob first" });
    const stream = await openSse(`${server.url}/api/events`);
    const approved = await postJson(`${server.url}/api/threads/${threadId}/approve`, { operator: "dana" });
    expect(approved.status).toBe(200);
    const frames = await stream.waitFor(2);
    const status = frames.find((f) => (f.data as { type: string }).type === "thread.status");
    expect(frames.map((f) => (f.data as { user_id: string }).user_id)).toEqual(frames.map(() => "local"));
    expect(status?.data).toMatchObject({
      type: "thread.status",
      status: "resolved",
      agent_id: null,
      user_id: "local",
      resolution: { type: "operator", by: "operator:dana" },
    });
    await stream.close();
  });

  it("replays what a reconnecting client missed after Last-Event-ID, then continues live without duplicates", async () => {
    server = await startTestServer();
    for (const name of ["A", "B", "C"]) {
      await postJson(`${server.url}/api/agents/register`, { name }, { "x-agent-id": name.toLowerCase() });
    }
    const first = await openSse(`${server.url}/api/events?last_event_id=0`);
    await first.waitFor(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.close();
    const agentOf = (f: { data: unknown }) => (f.data as { agent_id: string }).agent_id;
    const lastOfA = first.frames.filter((f) => agentOf(f) === "a").pop()?.id as string;
    const resumed = await openSse(`${server.url}/api/events`, { "last-event-id": lastOfA });
    await resumed.waitFor(first.frames.length - Number(lastOfA));
    await postJson(`${server.url}/api/agents/register`, { name: "D" }, { "x-agent-id": "d" });
    await resumed.waitFor(first.frames.length - Number(lastOfA) + 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const all = resumed.frames;
    expect([...new Set(all.map(agentOf))]).toEqual(["b", "c", "d"]);
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
    expect(all.every((f) => Number(f.id) > Number(lastOfA))).toBe(true);
    await resumed.close();
  });

  it("sends keep-alive comments", async () => {
    server = await startTestServer({ sseKeepAliveMs: 30 });
    const stream = await openSse(`${server.url}/api/events`);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(stream.comments).toContain("keep-alive");
    await stream.close();
  });

  it("only shows the caller's org", async () => {
    server = await startTestServer({
      identity: {
        mode: "test",
        identify: async (credentials) => ({
          ok: true,
          principal: {
            userId: "u",
            orgId: String(credentials.headers?.["x-org"] ?? "default"),
            role: "admin",
            agentId: null,
          },
        }),
      },
    });
    const acme = await openSse(`${server.url}/api/events`, { "x-org": "acme" });
    await postJson(
      `${server.url}/api/agents/register`,
      { name: "Other" },
      { "x-agent-id": "o", "x-org": "other" },
    );
    await postJson(
      `${server.url}/api/agents/register`,
      { name: "Mine" },
      { "x-agent-id": "m", "x-org": "acme" },
    );
    const frames = await acme.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(new Set(frames.map((f) => (f.data as { org_id: string }).org_id))).toEqual(new Set(["acme"]));
    await acme.close();
  });

  it("refuses a Last-Event-ID that is not a seq", async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/api/events`, { headers: { "last-event-id": "abc" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
  });
});
