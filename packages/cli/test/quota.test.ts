import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import mqtt from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { getJson, openSse, postJson, startTestServer, tempDir } from "./helpers.js";

// Local fakes of the two Anthropic endpoints the quota sources read, in the shapes their public
// descriptions give: the OAuth usage endpoint behind Claude Code's `/usage` (five_hour, seven_day, … each
// { utilization, resets_at }) and the Messages API's `anthropic-ratelimit-*` response headers. No network.

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let fake: Server | null = null;
let server: CoordinatorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  await new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve()));
  fake = null;
});

async function startFake(handler: Handler): Promise<{ url: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  fake = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      requests.push(req);
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => fake?.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`, requests };
}

const ACCESS_TOKEN = "sk-ant-oat01-metrics-test-token";

function claudeLogin(expiresAt: number): string {
  const dir = join(tempDir("metrics-claude-"), ".claude");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, ".credentials.json"),
    JSON.stringify({
      claudeAiOauth: { accessToken: ACCESS_TOKEN, refreshToken: "sk-ant-ort01-x", expiresAt, scopes: [] },
    }),
  );
  return dir;
}

const usage = (fiveHour: number) => ({
  five_hour: { utilization: fiveHour, resets_at: "2026-12-03T15:00:00.000000+00:00" },
  seven_day: { utilization: 35, resets_at: "2026-12-08T09:00:00.000000+00:00" },
  seven_day_opus: null,
  extra_usage: { is_enabled: false },
});

describe("quota pre-flight with the Claude subscription", () => {
  it("reads the usage windows with the Claude Code login and shows them on REST, the status and SSE", async () => {
    let fiveHour = 12;
    const api = await startFake((req, res) => {
      const authorized =
        req.url === "/api/oauth/usage" &&
        req.headers.authorization === `Bearer ${ACCESS_TOKEN}` &&
        req.headers["anthropic-beta"] === "oauth-2025-04-20";
      res.writeHead(authorized ? 200 : 401, { "content-type": "application/json" });
      res.end(JSON.stringify(authorized ? usage(fiveHour) : { error: "unauthorized" }));
    });
    server = await startTestServer({
      env: {
        COORDINATOR_QUOTA_SOURCE: "claude",
        COORDINATOR_QUOTA_BASE_URL: api.url,
        CLAUDE_CONFIG_DIR: claudeLogin(Date.now() + 3_600_000),
        MAX_QUOTA_PCT: "90",
      },
    });
    await expect.poll(async () => (await getJson(`${server?.url}/api/quota`)).body.read_at).not.toBeNull();
    const quota = (await getJson(`${server.url}/api/quota`)).body;
    expect(quota).toMatchObject({
      enabled: true,
      source: "claude_subscription",
      utilization_pct: 35,
      max_pct: 90,
      over_limit: false,
      error: null,
    });
    expect(quota.windows).toEqual([
      {
        name: "five_hour",
        utilization_pct: 12,
        resets_at: Date.parse("2026-12-03T15:00:00Z"),
        limit: null,
        remaining: null,
      },
      {
        name: "seven_day",
        utilization_pct: 35,
        resets_at: Date.parse("2026-12-08T09:00:00Z"),
        limit: null,
        remaining: null,
      },
    ]);
    expect((await getJson(`${server.url}/api/status`)).body.quota).toMatchObject({ utilization_pct: 35 });

    const sse = await openSse(`${server.url}/api/events`);
    try {
      fiveHour = 93;
      const refreshed = await postJson(`${server.url}/api/quota/refresh`, {});
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toMatchObject({ utilization_pct: 93, over_limit: true });
      const frames = await sse.waitFor(1);
      expect(frames.find((f) => f.event === "quota.updated")?.data).toMatchObject({
        type: "quota.updated",
        org_id: "default",
        agent_id: null,
        utilization_pct: 93,
        over_limit: true,
      });
    } finally {
      sse.close();
    }
  });

  it("backs off after a 429 for Retry-After and does not ask again meanwhile", async () => {
    const api = await startFake((_req, res) => {
      res.writeHead(429, { "retry-after": "600", "content-type": "application/json" });
      res.end(JSON.stringify({ error: { type: "rate_limit_error" } }));
    });
    server = await startTestServer({
      env: {
        COORDINATOR_QUOTA_SOURCE: "claude",
        COORDINATOR_QUOTA_BASE_URL: api.url,
        CLAUDE_CONFIG_DIR: claudeLogin(Date.now() + 3_600_000),
      },
    });
    await expect.poll(async () => (await getJson(`${server?.url}/api/quota`)).body.error).not.toBeNull();
    const quota = (await getJson(`${server.url}/api/quota`)).body;
    expect(quota.error).toContain("429");
    expect(quota.backoff_until as number).toBeGreaterThan(Date.now() + 590_000);
    await postJson(`${server.url}/api/quota/refresh`, {});
    expect(api.requests).toHaveLength(1);
  });

  it("says how to renew an expired login instead of calling the endpoint", async () => {
    const api = await startFake((_req, res) => res.end("{}"));
    server = await startTestServer({
      env: {
        COORDINATOR_QUOTA_SOURCE: "claude",
        COORDINATOR_QUOTA_BASE_URL: api.url,
        CLAUDE_CONFIG_DIR: claudeLogin(Date.now() - 1_000),
      },
    });
    await expect
      .poll(async () => (await getJson(`${server?.url}/api/quota`)).body.error)
      .toContain("expired");
    expect(api.requests).toHaveLength(0);
  });

  it("keeps the last reading retained on the MQTT topic quota/update", async () => {
    const api = await startFake((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(usage(57)));
    });
    server = await startTestServer({
      bus: undefined,
      env: {
        COORDINATOR_QUOTA_SOURCE: "claude",
        COORDINATOR_QUOTA_BASE_URL: api.url,
        CLAUDE_CONFIG_DIR: claudeLogin(Date.now() + 3_600_000),
      },
    });
    await expect.poll(async () => (await getJson(`${server?.url}/api/quota`)).body.read_at).not.toBeNull();
    // Subscribed after the reading was published: the broker hands over the retained copy.
    const client = await mqtt.connectAsync(server.mqttUrl as string, { clientId: "metrics-quota-watcher" });
    try {
      const received = new Promise<{ topic: string; retain: boolean; body: Record<string, unknown> }>(
        (resolve) =>
          client.on("message", (topic, payload, packet) =>
            resolve({ topic, retain: packet.retain, body: JSON.parse(payload.toString()) }),
          ),
      );
      await client.subscribeAsync("coordinator/default/quota/update");
      const message = await received;
      expect(message.retain).toBe(true);
      expect(message.body).toMatchObject({ type: "quota.updated", org_id: "default", utilization_pct: 57 });
    } finally {
      await client.endAsync();
    }
  });

  it("refuses a refresh body with fields", async () => {
    server = await startTestServer();
    const res = await postJson(`${server.url}/api/quota/refresh`, { force: true });
    expect(res.status).toBe(400);
    expect((await getJson(`${server.url}/api/quota`)).body).toMatchObject({ enabled: false });
  });
});

describe("whose quota it is (jwt mode)", () => {
  it("shows the quota to members of COORDINATOR_QUOTA_ORG only", async () => {
    const api = await startFake((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(usage(20)));
    });
    server = await startTestServer({
      auth: "jwt",
      env: {
        COORDINATOR_JWT_SECRET: "metrics-quota-secret-0123456789-abcdefgh",
        COORDINATOR_QUOTA_SOURCE: "claude",
        COORDINATOR_QUOTA_BASE_URL: api.url,
        COORDINATOR_QUOTA_ORG: "acme",
        CLAUDE_CONFIG_DIR: claudeLogin(Date.now() + 3_600_000),
      },
      rateLimit: { perMinute: 0 },
    });
    const auth = server.auth as NonNullable<CoordinatorServer["auth"]>;
    const tokens: Record<string, string> = {};
    for (const org of ["acme", "globex"]) {
      await auth.directory.createOrg({ orgId: org });
      await auth.directory.addMember({ orgId: org, userId: `${org}-dev`, role: "agent" });
      tokens[org] = (await auth.issuer.issueToken({ orgId: org, userId: `${org}-dev` })).token;
    }
    const as = (org: string) => ({ authorization: `Bearer ${tokens[org]}` });
    await expect
      .poll(async () => (await getJson(`${server?.url}/api/quota`, as("acme"))).body.read_at)
      .not.toBeNull();
    expect((await getJson(`${server.url}/api/quota`, as("acme"))).body).toMatchObject({
      enabled: true,
      utilization_pct: 35,
    });
    const outsider = await getJson(`${server.url}/api/quota`, as("globex"));
    expect(outsider.body).toMatchObject({
      enabled: false,
      windows: [],
      utilization_pct: null,
      read_at: null,
    });
    const refreshed = await postJson(`${server.url}/api/quota/refresh`, {}, as("globex"));
    expect(refreshed.body).toMatchObject({ enabled: false });
    expect(api.requests).toHaveLength(1);
    expect((await fetch(`${server.url}/api/quota`)).status).toBe(401);
  });
});

describe("quota pre-flight with an API key", () => {
  it("reads the organisation's rate limits from a one-token request's headers", async () => {
    const bodies: unknown[] = [];
    const api = await startFake((req, res, body) => {
      bodies.push(JSON.parse(body));
      const ok = req.url === "/v1/messages" && req.headers["x-api-key"] === "sk-ant-api03-test";
      res.writeHead(ok ? 200 : 401, {
        "content-type": "application/json",
        "anthropic-ratelimit-requests-limit": "50",
        "anthropic-ratelimit-requests-remaining": "49",
        "anthropic-ratelimit-requests-reset": "2026-12-03T11:01:00Z",
        "anthropic-ratelimit-input-tokens-limit": "40000",
        "anthropic-ratelimit-input-tokens-remaining": "4000",
        "anthropic-ratelimit-input-tokens-reset": "2026-12-03T11:01:00Z",
        "anthropic-ratelimit-output-tokens-limit": "8000",
        "anthropic-ratelimit-output-tokens-remaining": "7999",
        "anthropic-ratelimit-output-tokens-reset": "2026-12-03T11:01:00Z",
      });
      res.end(JSON.stringify({ type: "message", content: [], usage: { input_tokens: 8, output_tokens: 1 } }));
    });
    server = await startTestServer({
      env: {
        COORDINATOR_QUOTA_SOURCE: "api",
        COORDINATOR_QUOTA_BASE_URL: api.url,
        ANTHROPIC_API_KEY: "sk-ant-api03-test",
      },
    });
    await expect.poll(async () => (await getJson(`${server?.url}/api/quota`)).body.read_at).not.toBeNull();
    const quota = (await getJson(`${server.url}/api/quota`)).body;
    expect(quota).toMatchObject({ source: "anthropic_api", utilization_pct: 90, over_limit: false });
    expect((quota.windows as Array<{ name: string }>).map((w) => w.name)).toEqual([
      "requests",
      "input_tokens",
      "output_tokens",
    ]);
    expect(bodies[0]).toMatchObject({ max_tokens: 1 });
  });

  it("refuses to start with the api source and no ANTHROPIC_API_KEY", async () => {
    await expect(startTestServer({ env: { COORDINATOR_QUOTA_SOURCE: "api" } })).rejects.toThrow(
      /ANTHROPIC_API_KEY is not set/,
    );
  });
});
