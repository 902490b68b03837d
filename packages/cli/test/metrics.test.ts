import { spawnSync } from "node:child_process";
import { networkInterfaces } from "node:os";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { postJson, startTestServer, tempDir } from "./helpers.js";

let server: CoordinatorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function scrape(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/metrics`, { headers });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text(), res };
}

/** The value of one sample line (`name{labels} value`), or null when the series is absent. */
function sample(text: string, series: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

const PROMTOOL = spawnSync("promtool", ["--version"]).status === 0;

describe("/metrics on a real store and broker", () => {
  it("counts what committed, reads the gauges from the store, and passes promtool check metrics", async () => {
    server = await startTestServer({ store: undefined, bus: undefined, dataDir: tempDir("metrics-") });
    const alice = { "x-agent-id": "alice" };
    const bob = { "x-agent-id": "bob" };
    await postJson(`${server.url}/api/agents/register`, { name: "alice" }, alice);
    await postJson(`${server.url}/api/agents/register`, { name: "bob" }, bob);
    await postJson(
      `${server.url}/api/announce`,
      { subject: "user field", target_files: ["src/user.ts"] },
      alice,
    );
    const opened = await postJson(
      `${server.url}/api/announce`,
      { subject: "user migration", target_files: ["src/user.ts"] },
      bob,
    );
    expect(opened.body.category).toBe("concerned");
    const hook = { agent_id: "carol", name: "carol", path: "src/user.ts", claim: "never" };
    expect((await postJson(`${server.url}/api/hooks/pre-edit`, hook)).status).toBe(200);
    await postJson(`${server.url}/api/hooks/check-paths`, { paths: ["src/user.ts", "src/free.ts"] });
    const threadId = opened.body.thread_id as string;
    const cancelled = await postJson(`${server.url}/api/threads/${threadId}/cancel`, { reason: "test over" });
    expect(cancelled.status).toBe(200);

    const { status, type, text } = await scrape(server.url);
    expect(status).toBe(200);
    expect(type).toContain("text/plain");
    expect(sample(text, 'coordinator_announcements_total{category="pass",layer="none",outcome="pass"}')).toBe(
      1,
    );
    expect(
      sample(text, 'coordinator_announcements_total{category="concerned",layer="0a",outcome="consultation"}'),
    ).toBe(1);
    expect(sample(text, "coordinator_consultations_opened_total")).toBe(1);
    expect(sample(text, 'coordinator_consultation_duration_seconds_count{resolution="cancelled"}')).toBe(1);
    expect(sample(text, 'coordinator_online_agents{org="default"}')).toBe(2);
    expect(sample(text, 'coordinator_inbox_depth{org="default"}')).toBeGreaterThan(0);
    expect(sample(text, 'coordinator_edit_decisions_total{hook="pre-edit",decision="conflict"}')).toBe(1);
    expect(sample(text, 'coordinator_edit_decisions_total{hook="check-paths",decision="conflict"}')).toBe(1);
    expect(sample(text, 'coordinator_edit_decisions_total{hook="check-paths",decision="clear"}')).toBe(1);
    expect(sample(text, 'coordinator_hook_calls_total{hook="pre-edit",status="200"}')).toBe(1);
    expect(
      sample(
        text,
        'coordinator_http_request_duration_seconds_count{route="/api/threads/:id/cancel",method="POST",status="200"}',
      ),
    ).toBe(1);
    expect(
      sample(text, 'coordinator_store_transaction_duration_seconds_count{outcome="committed"}'),
    ).toBeGreaterThan(5);
    expect(
      sample(text, 'coordinator_event_publish_duration_seconds_count{outcome="published"}'),
    ).toBeGreaterThan(0);
    expect(sample(text, "coordinator_mqtt_clients")).toBe(0);
    expect(sample(text, "coordinator_sse_clients")).toBe(0);
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");

    if (!PROMTOOL) {
      console.warn("promtool not found (Debian package prometheus): promtool check metrics skipped");
      return;
    }
    const checked = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.status).toBe(0);
  });

  it("times MCP tool calls by tool and outcome", async () => {
    server = await startTestServer({ mcpHandler: undefined });
    const client = new Client({ name: "metrics-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl)));
    try {
      await client.callTool({ name: "register_agent", arguments: { name: "alice", agent_id: "alice" } });
      await client.callTool({ name: "get_thread", arguments: { thread_id: "t-missing" } });
    } finally {
      await client.close();
    }
    const { text } = await scrape(server.url);
    expect(
      sample(text, 'coordinator_mcp_tool_call_duration_seconds_count{tool="register_agent",outcome="ok"}'),
    ).toBe(1);
    expect(
      sample(
        text,
        'coordinator_mcp_tool_call_duration_seconds_count{tool="get_thread",outcome="THREAD_NOT_FOUND"}',
      ),
    ).toBe(1);
  });

  it("counts refused identifications once per request", async () => {
    server = await startTestServer({
      identity: {
        mode: "test",
        identify: async () => ({ ok: false, refusal: { reason: "unauthenticated", message: "no token" } }),
      },
    });
    expect((await fetch(`${server.url}/api/agents`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/agents`)).status).toBe(401);
    const { text } = await scrape(server.url);
    expect(sample(text, 'coordinator_auth_failures_total{transport="http",reason="unauthenticated"}')).toBe(
      2,
    );
  });
});

describe("who may read /metrics", () => {
  const TOKEN = "metrics-test-token-0123456789abcdef0123";

  it("asks for the configured bearer token, compared whole", async () => {
    server = await startTestServer({ env: { COORDINATOR_METRICS_TOKEN: TOKEN } });
    const none = await scrape(server.url);
    expect(none.status).toBe(401);
    expect(none.res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect(JSON.parse(none.text).error.message).toContain("Authorization: Bearer");
    expect((await scrape(server.url, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await scrape(server.url, { authorization: `Bearer ${TOKEN.slice(0, -1)}` })).status).toBe(401);
    const ok = await scrape(server.url, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("coordinator_online_agents");
  });

  it("refuses a short metrics token at start without echoing it", async () => {
    await expect(startTestServer({ env: { COORDINATOR_METRICS_TOKEN: "short-secret" } })).rejects.toThrow(
      /COORDINATOR_METRICS_TOKEN \(environment variable\): \(value hidden\) — expected a random string of 32/,
    );
  });

  it("answers callers on other machines only with the token", async () => {
    const address = externalAddress();
    if (address === null) {
      console.warn("no non-loopback IPv4 address on this machine: the remote-caller check is skipped");
      return;
    }
    server = await startTestServer({
      bind: "0.0.0.0",
      insecureOpenOnNetwork: true,
      allowedHosts: [address],
    });
    const remote = `http://${address}:${server.port}`;
    const refused = await scrape(remote);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).error.message).toContain("COORDINATOR_METRICS_TOKEN");
    expect((await scrape(server.url)).status).toBe(200);
  });

  it("is not served when metrics are turned off", async () => {
    server = await startTestServer({ env: { COORDINATOR_METRICS_ENABLED: "false" } });
    expect((await scrape(server.url)).status).toBe(404);
  });
});

function externalAddress(): string | null {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === "IPv4" && !entry.internal) return entry.address;
  }
  return null;
}
