// What oauth mode costs on the real server (SQLite store, in-memory bus, rate limits off), in one run:
// 1. announce_work over MCP with an OAuth access token (obtained by a real sign-in through an in-process
//    oidc-provider), against open mode as the floor, ABBA order, 1 and 20 sessions;
// 2. the token endpoint's refresh (rotation), against a metadata GET on the same server as the floor.
// Prints p50/p99, the floor and the ratio. Asserts nothing. Run: pnpm bench:oauth.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryEventBus } from "@mcp-coordinator/core/testing";
import { freePort } from "@mcp-coordinator/test-support";
import { type BenchRow, loadAverageLine, ratioOf, reportBench } from "@mcp-coordinator/test-support/bench";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import pino from "pino";
import { HeadlessBrowser } from "../../auth/test/oauth/browser.js";
import { startOidcIdp } from "../../auth/test/oauth/oidc-idp.js";
import { type CoordinatorServer, startServer } from "../src/index.js";

const SECRET = "bench-secret-0123456789-abcdefghijklmnopq";
const CALLS = 400;
const WARMUP_ROUNDS = 3;
const CALLBACK = "http://localhost:50999/callback";

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function start(mode: "open" | "oauth") {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const idp =
    mode === "oauth"
      ? await startOidcIdp({
          redirectUris: [`${origin}/oauth/callback/acme`],
          users: { dana: { email: "dana@acme.test", email_verified: true, name: "Dana", groups: [] } },
        })
      : null;
  const server = await startServer({
    port,
    mqttPort: 0,
    dataDir: mkdtempSync(join(tmpdir(), "bench-oauth-")),
    configFile: null,
    logger: pino({ level: "silent" }),
    dashboardDir: null,
    bus: new MemoryEventBus(),
    auth: mode,
    rateLimit: { perMinute: 0 },
    coChange: null,
    oauthUpstream: { allowInsecure: true },
    env: {
      COORDINATOR_JWT_SECRET: SECRET,
      ...(idp
        ? {
            COORDINATOR_OIDC_PROVIDERS: "acme",
            COORDINATOR_OIDC_ACME_ISSUER: idp.issuer,
            COORDINATOR_OIDC_ACME_CLIENT_ID: idp.clientId,
            COORDINATOR_OIDC_ACME_CLIENT_SECRET: idp.clientSecret,
            COORDINATOR_OAUTH_ORG: "acme",
          }
        : {}),
    },
  });
  return {
    server,
    async close() {
      await server.close();
      await idp?.close();
    },
  };
}

/** A real sign-in: registration, PKCE, the IdP, the code exchange. */
async function signIn(server: CoordinatorServer) {
  const registered = (await (
    await fetch(`${server.url}/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        redirect_uris: ["http://localhost/callback"],
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code", "refresh_token"],
      }),
    })
  ).json()) as { client_id: string };
  const verifier = randomBytes(32).toString("base64url");
  const authorize = new URL(`${server.url}/oauth/authorize`);
  for (const [k, v] of Object.entries({
    response_type: "code",
    client_id: registered.client_id,
    redirect_uri: CALLBACK,
    state: "bench",
    scope: "mcp:tools",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    resource: server.mcpUrl,
  }))
    authorize.searchParams.set(k, v);
  const { url } = await new HeadlessBrowser().follow(authorize.href, CALLBACK);
  const tokens = (await (
    await fetch(`${server.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: registered.client_id,
        code: url?.searchParams.get("code") ?? "",
        redirect_uri: CALLBACK,
        code_verifier: verifier,
      }),
    })
  ).json()) as { access_token: string; refresh_token: string };
  return { clientId: registered.client_id, ...tokens };
}

async function announceTimes(mode: "open" | "oauth", sessions: number): Promise<number[]> {
  const { server, close } = await start(mode);
  const token = mode === "oauth" ? (await signIn(server)).access_token : null;
  const clients: Client[] = [];
  for (let s = 0; s < sessions; s += 1) {
    const client = new Client({ name: `agent-${s}`, version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(server.mcpUrl), {
        ...(token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {}),
      }),
    );
    await client.callTool({
      name: "register_agent",
      arguments: { name: `agent-${s}`, agent_id: `agent-${s}` },
    });
    clients.push(client);
  }
  const times: number[] = [];
  const rounds = Math.ceil(CALLS / sessions) + WARMUP_ROUNDS;
  for (let round = 0; round < rounds; round += 1) {
    const roundTimes = await Promise.all(
      clients.map(async (client, s) => {
        const t = performance.now();
        const result = await client.callTool({
          name: "announce_work",
          arguments: { subject: `r${round}`, target_files: [`src/s${s}/f${round % 20}.ts`] },
        });
        if (result.isError) throw new Error(`announce_work failed: ${JSON.stringify(result.content)}`);
        return performance.now() - t;
      }),
    );
    if (round >= WARMUP_ROUNDS) times.push(...roundTimes);
  }
  for (const client of clients) await client.close();
  await close();
  return times;
}

async function tokenEndpointTimes() {
  const { server, close } = await start("oauth");
  const signedIn = await signIn(server);
  let refreshToken = signedIn.refresh_token;
  const floor: number[] = [];
  const refresh: number[] = [];
  for (let i = 0; i < CALLS + 50; i += 1) {
    let t = performance.now();
    await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).arrayBuffer();
    if (i >= 50) floor.push(performance.now() - t);
    t = performance.now();
    const response = await fetch(`${server.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        client_id: signedIn.clientId,
        refresh_token: refreshToken,
      }),
    });
    const body = (await response.json()) as { refresh_token?: string };
    if (!body.refresh_token) throw new Error(`refresh failed: ${JSON.stringify(body)}`);
    refreshToken = body.refresh_token;
    if (i >= 50) refresh.push(performance.now() - t);
  }
  await close();
  return { floor: floor.sort((a, b) => a - b), refresh: refresh.sort((a, b) => a - b) };
}

const rows: string[] = [];
const report: BenchRow[] = [];
for (const sessions of [1, 20]) {
  const open: number[] = [];
  const oauth: number[] = [];
  for (const mode of ["open", "oauth", "oauth", "open"] as const)
    (mode === "open" ? open : oauth).push(...(await announceTimes(mode, sessions)));
  open.sort((a, b) => a - b);
  oauth.sort((a, b) => a - b);
  for (const p of [50, 99]) {
    const floor = percentile(open, p);
    const value = percentile(oauth, p);
    rows.push(
      `| announce_work, ${sessions} session(s) | p${p} | ${floor.toFixed(2)} | ${value.toFixed(2)} | ${(value / floor).toFixed(3)} |`,
    );
    report.push({
      case: `announce_work, ${sessions} session(s)`,
      metric: `p${p}, oauth mode`,
      value: Number(value.toFixed(2)),
      unit: "ms",
      floor: "open mode, same run (ABBA)",
      floorValue: Number(floor.toFixed(2)),
      ratio: ratioOf(value, floor),
    });
  }
}
const token = await tokenEndpointTimes();
for (const p of [50, 99]) {
  const floor = percentile(token.floor, p);
  const value = percentile(token.refresh, p);
  rows.push(
    `| POST /oauth/token (refresh) | p${p} | ${floor.toFixed(2)} | ${value.toFixed(2)} | ${(value / floor).toFixed(3)} |`,
  );
  report.push({
    case: "POST /oauth/token (refresh)",
    metric: `p${p}`,
    value: Number(value.toFixed(2)),
    unit: "ms",
    floor: "GET /.well-known/oauth-authorization-server, same server, same run",
    floorValue: Number(floor.toFixed(2)),
    ratio: ratioOf(value, floor),
  });
}
console.log(
  "\noauth mode on the real server (SQLite), ms per call; floor = open mode (announce_work) or GET /.well-known/oauth-authorization-server (token endpoint)\n",
);
console.log("| what | pct | floor | oauth | ratio |");
console.log("|---|---|---|---|---|");
for (const row of rows) console.log(row);
console.log(loadAverageLine());
reportBench("cli: OAuth overhead", report);
