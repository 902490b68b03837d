import { createServer, type Server } from "node:http";
import { Writable } from "node:stream";
import { MemoryStore } from "@mcp-coordinator/core/testing";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import pino from "pino";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CoordinatorServer, startServer } from "../src/index.js";
import { tempDir } from "./helpers.js";

/**
 * A hostile page in real Chromium against a coordinator in open mode. Debian's Chromium (installed by
 * .ci/run), never a downloaded one. `evil.test` resolves to 127.0.0.1 inside the browser only, which is
 * both a cross-site attacker (its own port) and a DNS-rebinding attacker (the coordinator's port).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface RequestLog {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

let server: CoordinatorServer;
let store: MemoryStore;
let attacker: Server;
let attackerPort: number;
let browser: Browser;
const requests: RequestLog[] = [];
const agents: Client[] = [];
let threadId: string;

/** The coordinator's own request log (debug level), read back to see what the server answered. */
function capturingLogger() {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) {
        if (!line) continue;
        const entry = JSON.parse(line) as { msg?: string; method?: string; path?: string; status?: number };
        if (entry.msg === "request" && entry.method && entry.path && entry.status)
          requests.push({ method: entry.method, path: entry.path, status: entry.status });
      }
      done();
    },
  });
  return pino({ level: "debug" }, sink);
}

async function agent(id: string) {
  const client = new Client({ name: `test-${id}`, version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl)));
  agents.push(client);
  const call = async (tool: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name: tool, arguments: args });
    if (result.isError) throw new Error(`${tool}: ${JSON.stringify(result.content)}`);
    return (result.structuredContent ?? {}) as Record<string, unknown>;
  };
  await call("register_agent", { name: id, agent_id: id });
  return call;
}

/**
 * Everything a page on another origin would try: read the event stream, the snapshot and MQTT; act
 * through operator routes, REST, hooks and MCP with every request a page can send without a preflight
 * (text/plain, form-encoded, empty body), and with a JSON one that needs a preflight.
 */
const ATTACK_PAGE = `<!doctype html><meta charset="utf-8"><title>attacker</title>
<iframe name="sink"></iframe>
<script>
window.attack = async (base, threadId) => {
  const out = {};
  const settle = (p) => p.then((r) => "status " + r.status + " type " + r.type, (e) => "error " + e.name);
  out.snapshotCors = await settle(fetch(base + "/api/snapshot"));
  out.snapshotRead = await fetch(base + "/api/snapshot").then((r) => r.text(), () => null);
  out.events = await new Promise((resolve) => {
    const source = new EventSource(base + "/api/events");
    const timer = setTimeout(() => { source.close(); resolve("no message"); }, 1500);
    source.onmessage = (m) => { clearTimeout(timer); source.close(); resolve("read: " + m.data); };
    source.onerror = () => { clearTimeout(timer); source.close(); resolve("error"); };
  });
  out.mqtt = await new Promise((resolve) => {
    const ws = new WebSocket(base.replace("http", "ws") + "/mqtt", "mqtt");
    const timer = setTimeout(() => resolve("no answer"), 2000);
    ws.onopen = () => { clearTimeout(timer); ws.close(); resolve("open"); };
    ws.onerror = () => { clearTimeout(timer); resolve("refused"); };
  });
  const blind = (path, init) => fetch(base + path, { mode: "no-cors", method: "POST", ...init }).then(() => "sent", (e) => "error " + e.name);
  const json = JSON.stringify({ operator: "mallory", content: "pwned", reason: "pwned" });
  for (const action of ["approve", "cancel", "messages"]) {
    out[action + "Empty"] = await blind("/api/threads/" + threadId + "/" + action, {});
    out[action + "Text"] = await blind("/api/threads/" + threadId + "/" + action, { headers: { "content-type": "text/plain" }, body: json });
  }
  out.register = await blind("/api/agents/register", { headers: { "content-type": "text/plain" }, body: JSON.stringify({ agent_id: "mallory", name: "Mallory" }) });
  out.hook = await blind("/api/hooks/session", { headers: { "content-type": "text/plain" }, body: JSON.stringify({ agent_id: "mallory", session_id: "s" }) });
  out.mcp = await blind("/mcp", { headers: { "content-type": "text/plain" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "mallory", version: "1" } } }) });
  out.preflighted = await settle(fetch(base + "/api/threads/" + threadId + "/cancel", { method: "POST", headers: { "content-type": "application/json" }, body: json }));
  // A classic CSRF form: no script needed, no preflight, form-encoded.
  await new Promise((resolve) => {
    const form = document.createElement("form");
    form.method = "POST";
    form.action = base + "/api/threads/" + threadId + "/cancel";
    form.target = "sink";
    const field = document.createElement("input");
    field.name = "operator";
    field.value = "mallory";
    form.append(field);
    document.body.append(form);
    document.querySelector("iframe").onload = () => resolve();
    form.submit();
    setTimeout(resolve, 1500);
  });
  return out;
};
</script>`;

beforeAll(async () => {
  store = new MemoryStore();
  server = await startServer({
    port: 0,
    mqttPort: 0,
    env: {},
    configFile: null,
    dataDir: tempDir(),
    store,
    logger: capturingLogger(),
    sseKeepAliveMs: 2_000,
    drainMs: 200,
  });
  attacker = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(ATTACK_PAGE);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerPort = (attacker.address() as { port: number }).port;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--host-resolver-rules=MAP evil.test 127.0.0.1",
    ],
  });
  const alice = await agent("alice");
  const bob = await agent("bob");
  await alice("announce_work", { subject: "Split the API router", target_files: ["src/api.ts"] });
  const announced = await bob("announce_work", {
    subject: "Rate-limit the API",
    target_files: ["src/api.ts"],
  });
  threadId = announced.thread_id as string;
  await bob("propose_resolution", { thread_id: threadId, content: "Bob waits for the split" });
});

afterAll(async () => {
  for (const client of agents) await client.close().catch(() => {});
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
  await server?.close();
});

const threadStatus = async () =>
  (await server.coordinator.getThread({ orgId: "default" }, { threadId })).thread.status;

describe("a page on another origin, in Chromium", () => {
  for (const origin of ["evil.test", "127.0.0.1"] as const) {
    it(`at http://${origin}:<other port>/ can neither read events nor act`, async () => {
      const statusBefore = await threadStatus();
      const messagesBefore = (await server.coordinator.getThread({ orgId: "default" }, { threadId })).messages
        .length;
      const page = await browser.newPage();
      await page.goto(`http://${origin}:${attackerPort}/`);
      requests.length = 0;
      const out = (await page.evaluate(
        ([base, id]) =>
          (globalThis as unknown as { attack(b: string, t: string): Promise<unknown> }).attack(base, id),
        [server.url, threadId] as const,
      )) as Record<string, string | null>;
      await page.close();

      // Nothing readable: CORS hides the bodies, and the server refused anyway (below).
      expect(out.snapshotCors).toBe("error TypeError");
      expect(out.snapshotRead).toBeNull();
      expect(out.events).not.toMatch(/^read/);
      expect(out.mqtt).not.toBe("open");
      // The server refused every request the page got to it (the JSON one never passed its preflight).
      expect(requests.length).toBeGreaterThan(10);
      for (const request of requests)
        expect([403, 415], `${request.method} ${request.path}`).toContain(request.status);
      expect(requests.filter((r) => r.method === "OPTIONS").every((r) => r.status === 403)).toBe(true);
      expect(requests.some((r) => r.path === "/mcp")).toBe(true);
      expect(requests.some((r) => r.path === "/api/hooks/session")).toBe(true);
      expect(requests.some((r) => r.path === "/api/events")).toBe(true);
      expect(requests.some((r) => r.path.endsWith("/approve"))).toBe(true);
      // And nothing changed: the thread is still open, no message, no new agent, nobody on MQTT.
      expect(await threadStatus()).toBe(statusBefore);
      expect(statusBefore).not.toMatch(/resolved|cancelled/);
      expect((await server.coordinator.getThread({ orgId: "default" }, { threadId })).messages).toHaveLength(
        messagesBefore,
      );
      const ids = (await server.coordinator.listAgents({ orgId: "default" }, { includeOffline: true })).map(
        (a) => a.agent.id,
      );
      expect(ids).not.toContain("mallory");
    });
  }

  it("gets 403 when its own name is rebound to the coordinator (Host: evil.test)", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`http://evil.test:${server.port}/dashboard/`);
    expect(response?.status()).toBe(403);
    expect(await response?.json()).toMatchObject({ error: { code: "CROSS_ORIGIN_REFUSED" } });
    // From the rebound page every call is "same-origin" to the browser, so only the Host check stands.
    const seen = await page.evaluate(async () => {
      const snapshot = await fetch("/api/snapshot").then((r) => r.status);
      const cancel = await fetch(`/api/threads/x/cancel`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }).then((r) => r.status);
      const mqtt = await new Promise((resolve) => {
        const { host } = (globalThis as unknown as { location: { host: string } }).location;
        const ws = new WebSocket(`ws://${host}/mqtt`, "mqtt");
        ws.onopen = () => resolve("open");
        ws.onerror = () => resolve("refused");
      });
      return { snapshot, cancel, mqtt };
    });
    await page.close();
    expect(seen).toEqual({ snapshot: 403, cancel: 403, mqtt: "refused" });
  });
});

describe("the dashboard the coordinator serves itself", () => {
  it("loads the snapshot, follows live events and an operator action succeeds", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/dashboard/`);
    await page.getByTestId("connection").getByText("Live").waitFor({ timeout: 5_000 });
    await page.locator('[data-agent="alice"]').waitFor({ timeout: 2_000 });
    // A live event after the page loaded.
    const carol = await agent("carol");
    await page.locator('[data-agent="carol"]').waitFor({ timeout: 2_000 });
    await carol("heartbeat", {});

    const row = page.locator(`[data-thread="${threadId}"]`);
    await row.click();
    const detail = page.getByTestId("thread-detail");
    await detail.getByTestId("proposal").waitFor({ timeout: 2_000 });
    await detail.getByTestId("operator-name").fill("dana");
    await detail.getByTestId("approve").click();
    await detail.getByTestId("detail-resolution").getByText("operator").waitFor({ timeout: 2_000 });
    await page.close();
    expect(await threadStatus()).toBe("resolved");
  });
});
