import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createJwtIdentity,
  createRevocationSignal,
  createTokenIssuer,
  loadKeySet,
  parseAuthConfig,
  type TokenIssuer,
} from "@mcp-coordinator/auth";
import { createDirectory, systemClock } from "@mcp-coordinator/core";
import { MemoryEventBus, MemoryStore } from "@mcp-coordinator/core/memory";
import {
  AuthenticationError,
  createClient,
  createTokenManager,
  MemoryTokenStore,
  PermissionError,
} from "@mcp-coordinator/sdk";
import { testLogger } from "@mcp-coordinator/test-support";
import { type CoordinatorServer, startServer } from "mcp-coordinator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: CoordinatorServer;
let issuer: TokenIssuer;

/** A coordinator in jwt mode: the auth package's identity over the same store the coordinator uses. */
beforeAll(async () => {
  const parsed = parseAuthConfig({
    COORDINATOR_AUTH_ENABLED: "true",
    COORDINATOR_JWT_SECRET: "sdk-test-secret-0123456789abcdef-xyz",
  });
  if (!parsed.ok || parsed.config.mode !== "jwt") throw new Error("jwt config");
  const config = parsed.config;
  const store = new MemoryStore();
  const revocations = createRevocationSignal();
  const directory = createDirectory({ store, clock: systemClock, onRevoked: revocations.emit });
  const keys = loadKeySet(config);
  issuer = createTokenIssuer({ config, directory, clock: systemClock, keys });
  await directory.createOrg({ orgId: "acme" });
  await directory.addMember({ orgId: "acme", userId: "dana", role: "agent" });
  await directory.addMember({ orgId: "acme", userId: "olga", role: "operator" });
  server = await startServer({
    port: 0,
    mqttPort: 0,
    env: {},
    configFile: null,
    dataDir: mkdtempSync(join(tmpdir(), "sdk-jwt-")),
    logger: testLogger(),
    dashboardDir: null,
    store,
    bus: new MemoryEventBus(),
    identity: createJwtIdentity({ config, directory, clock: systemClock, revocations, keys }),
  });
});
afterAll(async () => {
  await server?.close();
});

describe("against a coordinator in jwt mode", () => {
  it("is refused without a token, with the server's code and a 401", async () => {
    const error = await createClient({ url: server.url })
      .status()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401 });
  });

  it("sends the bearer token on REST, MCP tools and the event stream", async () => {
    const { token } = await issuer.issueToken({ orgId: "acme", userId: "dana", agentId: "wt-1" });
    const client = createClient({ url: server.url, token });
    const registered = await client.registerAgent({ name: "Dana's worktree" });
    expect(registered.agent_id).toBe("wt-1");
    expect(registered.agent.org_id).toBe("acme");
    const stream = createClient({ url: server.url, token }).events({ afterSeq: 0 });
    for await (const event of stream) {
      expect(event).toMatchObject({ type: "agent.registered", org_id: "acme" });
      break;
    }
    const status = await client.tool("coordinator_status", {});
    expect(status.agents.map((a) => a.agent_id)).toContain("wt-1");
    await client.close();
  });

  it("hook routes act as the token's agent and refuse to speak for another", async () => {
    const { token } = await issuer.issueToken({ orgId: "acme", userId: "dana", agentId: "wt-2" });
    const client = createClient({ url: server.url, token });
    const started = await client.hooks.session({ agent_id: "wt-2", name: "Dana's hook" });
    expect(started).toMatchObject({ agent_id: "wt-2", reattached: false });
    expect(await client.hooks.preEdit({ agent_id: "wt-2", name: "Dana's hook", path: "a.ts" })).toMatchObject(
      {
        claimed: true,
      },
    );
    const error = await client.hooks
      .session({ agent_id: "someone-else", name: "Impostor" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ code: "IMPERSONATION", status: 403 });
  });

  it("refreshes a token that is about to expire before using it", async () => {
    const first = await issuer.issueToken({ orgId: "acme", userId: "olga" });
    const store = new MemoryTokenStore({ access_token: first.token, expires_at: Date.now() + 1_000 });
    let refreshes = 0;
    const tokens = createTokenManager({
      store,
      refresher: async () => {
        refreshes++;
        const next = await issuer.issueToken({ orgId: "acme", userId: "olga" });
        return { access_token: next.token, expires_at: next.info.expiresAt };
      },
    });
    const client = createClient({ url: server.url, tokens });
    expect((await client.snapshot()).agents).toBeDefined();
    await client.status();
    expect(refreshes).toBe(1);
    expect((await store.load())?.access_token).not.toBe(first.token);
  });
});
