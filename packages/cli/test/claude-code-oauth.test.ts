import type { Clock } from "@mcp-coordinator/core";
import { installClaudeCode } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DocumentHost, startDocumentHost } from "../../auth/test/oauth/document-host.js";
import { CLAUDE_CODE_CLIENT_ID, claudeCodeDocumentFetcher } from "./claude-code-document.js";
import { ClaudeCodeUser } from "./claude-code-login.js";
import { type OAuthServer, startOAuthServer } from "./oauth-server.js";

// The real Claude Code CLI (platform binary, proprietary: installed into the test cache on demand, never
// committed) signs in through its built-in MCP OAuth: 401 → protected-resource metadata → AS metadata →
// its client ID metadata document (or dynamic registration when CIMD is off) → /oauth/authorize with
// PKCE and `resource` → the in-test oidc-provider → its own loopback callback on localhost:<ephemeral> →
// our token endpoint. See shared/AUTH-TESTING.md §5.
const supported = process.platform === "linux" && process.arch === "x64";

let claudeBinary: string;
let documents: DocumentHost;
const started: OAuthServer[] = [];

beforeAll(async () => {
  if (!supported) return;
  claudeBinary = await installClaudeCode();
  documents = await startDocumentHost();
}, 320_000);

afterAll(async () => {
  for (const oauth of started) await oauth.close();
  await documents?.close();
});

async function serve(options: Parameters<typeof startOAuthServer>[0]): Promise<OAuthServer> {
  const oauth = await startOAuthServer(options);
  started.push(oauth);
  return oauth;
}

/** Adds the coordinator to a fresh Claude Code and signs dana in with `claude mcp login`. */
async function signedIn(oauth: OAuthServer) {
  const user = new ClaudeCodeUser(claudeBinary);
  const added = await user.claude(["mcp", "add", "--transport", "http", "coordinator", oauth.server.mcpUrl]);
  expect(added.code, added.stderr).toBe(0);
  oauth.idp.signInAs("dana");
  const login = await user.login("coordinator");
  expect(login.output).toContain('Authenticated with "coordinator"');
  expect(login.code).toBe(0);
  return { user, login };
}

/** Every refresh token the coordinator issued, oldest first: one per sign-in, one more per refresh. */
async function refreshTokens(oauth: OAuthServer) {
  const rows = await oauth.store.transaction((tx) => tx.listOAuthRows("refresh_tokens", {}));
  return rows
    .map((row) => ({
      family: row.lookup,
      usedAt: (row.data as { usedAt: number | null }).usedAt,
      createdAt: row.createdAt,
    }))
    .sort((a, b) => a.createdAt - b.createdAt);
}

async function familyRevoked(oauth: OAuthServer, familyId: string): Promise<boolean> {
  const row = await oauth.store.transaction((tx) => tx.getOAuthRow("token_families", familyId));
  return (row?.data as { revokedAt: number | null } | undefined)?.revokedAt !== null;
}

describe.runIf(supported)("the real Claude Code CLI signs in to oauth mode by itself", () => {
  it("signs in with its client ID metadata document, shows it connected and calls a tool as dana", async () => {
    const oauth = await serve({ clientMetadataFetch: claudeCodeDocumentFetcher(documents) });
    const user = new ClaudeCodeUser(claudeBinary);
    await user.claude(["mcp", "add", "--transport", "http", "coordinator", oauth.server.mcpUrl]);
    const before = await user.claude(["mcp", "list"]);
    expect(before.stdout).toMatch(/coordinator: .*Needs authentication/);

    oauth.idp.signInAs("dana");
    const login = await user.login("coordinator");
    expect(login.output).toContain('Authenticated with "coordinator"');
    expect(login.code).toBe(0);
    // What Claude Code asked for: its document URL as client_id (no registration), PKCE S256, the MCP
    // URL as the resource, a localhost callback on an ephemeral port (matched against the document's
    // port-less loopback URI, RFC 8252 §7.3).
    const asked = login.authorizationUrl.searchParams;
    expect(login.authorizationUrl.origin + login.authorizationUrl.pathname).toBe(
      `${oauth.server.url}/oauth/authorize`,
    );
    expect(asked.get("client_id")).toBe(CLAUDE_CODE_CLIENT_ID);
    expect(asked.get("code_challenge_method")).toBe("S256");
    expect(asked.get("resource")).toBe(oauth.server.mcpUrl);
    expect(asked.get("redirect_uri")).toMatch(/^http:\/\/localhost:\d+\/callback$/);
    expect(login.page).toContain("<strong>Claude Code</strong> from <strong>claude.ai</strong>");
    expect(await oauth.store.transaction((tx) => tx.listOAuthRows("clients", {}))).toEqual([]);

    const after = await user.claude(["mcp", "list"]);
    expect(after.stdout).toMatch(/coordinator: .*✔ Connected/);

    // A scripted model makes Claude Code call a coordinator tool; the agent it registers is owned by the
    // person who signed in, which only the access token Claude Code stored can have told the server.
    const run = await user.registerAgent("cc-dana");
    expect(run.result, run.output).toMatchObject({ subtype: "success" });
    const owner = await oauth.server.auth?.directory.agentOwner({ orgId: "acme", agentId: "cc-dana" });
    expect(owner?.ownerUserId).toBe("dana@acme.test");
  }, 240_000);

  it("registers dynamically instead when COORDINATOR_OAUTH_CIMD=off", async () => {
    const oauth = await serve({ env: { COORDINATOR_OAUTH_CIMD: "off" } });
    const { user, login } = await signedIn(oauth);
    const clients = await oauth.store.transaction((tx) => tx.listOAuthRows("clients", {}));
    expect(clients.map((c) => c.id)).toEqual([login.authorizationUrl.searchParams.get("client_id")]);
    expect(login.page).toBeNull();
    const after = await user.claude(["mcp", "list"]);
    expect(after.stdout).toMatch(/coordinator: .*✔ Connected/);
  }, 240_000);
});

/** The system clock, pushed forward on demand: the coordinator sees time pass without the test sleeping. */
class SkewedClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  setTimer(ms: number, callback: () => void): () => void {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return () => clearTimeout(handle);
  }
}

/** The refresh chain of one sign-in: every token in one family, each used once, only the newest live. */
async function expectOneRotatedFamily(oauth: OAuthServer) {
  const tokens = await refreshTokens(oauth);
  const family = tokens[0]?.family as string;
  expect(tokens.every((t) => t.family === family)).toBe(true);
  expect(tokens.filter((t) => t.usedAt === null)).toHaveLength(1);
  expect(await familyRevoked(oauth, family)).toBe(false);
  return tokens;
}

describe.runIf(supported)("Claude Code refreshes its access token by itself", () => {
  it("with a short access token lifetime it refreshes ahead of expiry, always with the newest refresh token", async () => {
    const oauth = await serve({
      clientMetadataFetch: claudeCodeDocumentFetcher(documents),
      env: { COORDINATOR_OAUTH_ACCESS_TTL: "1m" },
    });
    const { user } = await signedIn(oauth);
    const afterLogin = (await expectOneRotatedFamily(oauth)).length;
    const run = await user.registerAgent("cc-dana-short");
    expect(run.result, run.output).toMatchObject({ subtype: "success" });
    const owner = await oauth.server.auth?.directory.agentOwner({ orgId: "acme", agentId: "cc-dana-short" });
    expect(owner?.ownerUserId).toBe("dana@acme.test");
    // expires_in 60 is inside Claude Code's refresh-ahead margin: it refreshes before using the token.
    const afterRun = (await expectOneRotatedFamily(oauth)).length;
    expect(afterRun).toBeGreaterThan(afterLogin);
  }, 300_000);

  it("when the coordinator sees the access token expired, the next claude -p refreshes it and runs as dana", async () => {
    const clock = new SkewedClock();
    const oauth = await serve({ clientMetadataFetch: claudeCodeDocumentFetcher(documents), clock });
    const { user } = await signedIn(oauth);
    const afterLogin = (await expectOneRotatedFamily(oauth)).length;
    // Control: while the token is fresh on both sides, a run uses it as it is.
    const fresh = await user.registerAgent("cc-dana-fresh");
    expect(fresh.result, fresh.output).toMatchObject({ subtype: "success" });
    expect(await refreshTokens(oauth)).toHaveLength(afterLogin);
    // Two hours pass for the coordinator (the default access lifetime is one hour); Claude Code's own
    // clock still says its token is fresh, so only the coordinator's 401 can tell it.
    clock.offsetMs += 2 * 3_600_000;
    const run = await user.registerAgent("cc-dana-expired");
    expect(run.result, run.output).toMatchObject({ subtype: "success" });
    const owner = await oauth.server.auth?.directory.agentOwner({
      orgId: "acme",
      agentId: "cc-dana-expired",
    });
    expect(owner?.ownerUserId).toBe("dana@acme.test");
    const afterRun = (await expectOneRotatedFamily(oauth)).length;
    expect(afterRun).toBeGreaterThan(afterLogin);
  }, 300_000);
});
