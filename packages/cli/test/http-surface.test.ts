import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { getJson, postJson, startTestServer } from "./helpers.js";

let server: CoordinatorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe("health endpoints", () => {
  it("report version, mode, warnings and readiness", async () => {
    server = await startTestServer();
    const health = await getJson(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: "ok", mode: "open", version: expect.any(String) });
    expect(health.body.warnings).toContain(
      "dashboard package not installed: /dashboard serves the built-in status page",
    );
    expect((await getJson(`${server.url}/healthz`)).body).toEqual({ status: "ok" });
    const ready = await getJson(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: "ready",
      checks: { store: { ok: true }, broker: { ok: true }, sweepers: { ok: true } },
    });
  });

  it("answers 503 on /health/ready when the store fails", async () => {
    const { MemoryStore } = await import("@mcp-coordinator/core/testing");
    const store = new MemoryStore();
    server = await startTestServer({ store });
    store.transaction = async () => {
      throw new Error("disk on fire");
    };
    const ready = await getJson(`${server.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: "not_ready",
      checks: { store: { ok: false, detail: "disk on fire" } },
    });
  });
});

describe("REST endpoints for hooks and non-MCP agents", () => {
  it("register, announce, claim and check a file, then see it all in status", async () => {
    server = await startTestServer();
    const alice = { "x-agent-id": "alice" };
    const bob = { "x-agent-id": "bob" };
    expect(
      (await postJson(`${server.url}/api/agents/register`, { name: "Alice" }, alice)).body,
    ).toMatchObject({
      agent_id: "alice",
    });
    await postJson(`${server.url}/api/agents/register`, { name: "Bob", agent_id: "bob" });
    const first = await postJson(
      `${server.url}/api/announce`,
      { subject: "User model", target_files: ["src/models/user.ts"] },
      alice,
    );
    expect(first.body).toMatchObject({ category: "pass", thread_id: null });
    const second = await postJson(
      `${server.url}/api/announce`,
      { subject: "Migrate users", target_files: ["src/models/user.ts"] },
      bob,
    );
    expect(second.body).toMatchObject({ score: 100, category: "concerned", outcome: "consultation" });
    const claim = await postJson(`${server.url}/api/files/claims`, { paths: ["src/db.ts"] }, alice);
    expect(claim.status).toBe(200);
    const check = await postJson(`${server.url}/api/files/check`, { path: "src/db.ts" }, bob);
    expect(check.body).toMatchObject({ conflict: true, claimants: [{ agent_id: "alice" }] });
    const activity = await postJson(`${server.url}/api/files/activity`, { path: "src/a.ts" }, bob);
    expect(activity.body).toMatchObject({ activity: { path: "src/a.ts", action: "edit" } });
    expect((await postJson(`${server.url}/api/files/release`, {}, alice)).body).toEqual({
      released: ["src/db.ts"],
    });
    const status = await getJson(`${server.url}/api/status`);
    expect(status.body).toMatchObject({ thread_counts: { open: 1 } });
    expect((status.body.agents as unknown[]).length).toBe(2);
    const heartbeat = await postJson(`${server.url}/api/agents/heartbeat`, { current_file: "src/a.ts" }, bob);
    expect(heartbeat.status).toBe(200);
    const inbox = await getJson(`${server.url}/api/inbox?ack=false`, alice);
    expect(inbox.status).toBe(200);
    expect(Array.isArray(inbox.body.items)).toBe(true);
  });

  it("answers every refusal in one envelope with a fitting status", async () => {
    server = await startTestServer();
    const missing = await postJson(`${server.url}/api/announce`, { subject: "x" });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      error: { code: "MISSING_AGENT_ID", message: expect.stringContaining("X-Agent-Id"), details: {} },
    });
    const unregistered = await postJson(
      `${server.url}/api/announce`,
      { subject: "x", target_files: ["a.ts"] },
      { "x-agent-id": "ghost" },
    );
    expect(unregistered.status).toBe(409);
    expect(unregistered.body).toMatchObject({ error: { code: "AGENT_NOT_REGISTERED" } });
    const invalid = await postJson(`${server.url}/api/agents/register`, { name: "" });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: { code: "VALIDATION_FAILED", details: { field: "name" } } });
    const spoof = await postJson(
      `${server.url}/api/announce`,
      { subject: "x", agent_id: "bob" },
      { "x-agent-id": "alice" },
    );
    expect(spoof.status).toBe(403);
    const notFound = await getJson(`${server.url}/api/nothing`);
    expect(notFound.status).toBe(404);
    expect(notFound.body).toMatchObject({ error: { code: "NOT_FOUND" } });
    const wrongMethod = await getJson(`${server.url}/api/announce`);
    expect(wrongMethod.status).toBe(405);
    const badJson = await fetch(`${server.url}/api/agents/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { code: "INVALID_JSON" } });
    const notJson = await fetch(`${server.url}/api/agents/register`, { method: "POST", body: "name=x" });
    expect(notJson.status).toBe(415);
  });

  it("refuses a body over COORDINATOR_MAX_BODY_BYTES with 413", async () => {
    server = await startTestServer({ env: { COORDINATOR_MAX_BODY_BYTES: "2048" } });
    const big = await postJson(`${server.url}/api/agents/register`, {
      name: "A",
      metadata: { x: "y".repeat(4000) },
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE", details: { maxBytes: 2048 } } });
  });
});

describe("/dashboard", () => {
  it("serves the built-in status page when the dashboard package is absent", async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/dashboard/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Built-in status page");
    const redirect = await fetch(`${server.url}/dashboard`, { redirect: "manual" });
    expect(redirect.status).toBe(308);
  });

  it("serves a dashboard build's files, falling back to index.html, never outside the folder", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "dash-"));
    writeFileSync(join(dir, "index.html"), "<html>app</html>");
    writeFileSync(join(dir, "app.js"), "console.log(1)");
    server = await startTestServer({ dashboardDir: dir });
    const js = await fetch(`${server.url}/dashboard/app.js`);
    expect(js.headers.get("content-type")).toContain("text/javascript");
    expect(await js.text()).toBe("console.log(1)");
    expect(await (await fetch(`${server.url}/dashboard/threads/T-1`)).text()).toBe("<html>app</html>");
    const outside = await rawGet(server.port, "/dashboard/../../etc/passwd");
    expect(outside).not.toContain("root:");
    const health = await getJson(`${server.url}/health`);
    expect(health.body.warnings).not.toContain(
      "dashboard package not installed: /dashboard serves the built-in status page",
    );
  });
});

function rawGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path }, (res) => {
      let text = "";
      res.on("data", (c) => {
        text += c;
      });
      res.on("end", () => resolve(text));
    });
    req.on("error", reject);
    req.end();
  });
}
