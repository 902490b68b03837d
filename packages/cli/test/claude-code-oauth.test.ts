import { installClaudeCode, startFakeMessagesApi } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { ClaudeCodeUser } from "./claude-code-login.js";
import { type OAuthServer, startOAuthServer } from "./oauth-server.js";

// The real Claude Code CLI (platform binary, proprietary: installed into the test cache on demand, never
// committed) signs in through its built-in MCP OAuth: 401 → protected-resource metadata → AS metadata →
// dynamic registration → /oauth/authorize with PKCE and `resource` → the in-test oidc-provider → its own
// loopback callback on localhost:<ephemeral> → our token endpoint. See shared/AUTH-TESTING.md §5.
const supported = process.platform === "linux" && process.arch === "x64";

let oauth: OAuthServer | undefined;
let server: CoordinatorServer;
let claudeBinary: string;

beforeAll(async () => {
  if (!supported) return;
  claudeBinary = await installClaudeCode();
  oauth = await startOAuthServer();
  server = oauth.server;
}, 320_000);

afterAll(async () => {
  await oauth?.close();
});

describe.runIf(supported)("the real Claude Code CLI signs in to oauth mode by itself", () => {
  it("adds the server, signs in as the IdP's user, shows it connected and calls a tool as that user", async () => {
    const user = new ClaudeCodeUser(claudeBinary);
    const added = await user.claude(["mcp", "add", "--transport", "http", "coordinator", server.mcpUrl]);
    expect(added.code, added.stderr).toBe(0);

    const before = await user.claude(["mcp", "list"]);
    expect(before.stdout).toMatch(/coordinator: .*Needs authentication/);

    oauth?.idp.signInAs("dana");
    const login = await user.login("coordinator");
    expect(login.output).toContain('Authenticated with "coordinator"');
    expect(login.code).toBe(0);
    // What Claude Code asked for: PKCE S256, the MCP URL as the resource, a localhost loopback callback
    // (on an ephemeral port: our AS matches loopback redirects on any port).
    const asked = login.authorizationUrl.searchParams;
    expect(login.authorizationUrl.origin + login.authorizationUrl.pathname).toBe(
      `${server.url}/oauth/authorize`,
    );
    expect(asked.get("code_challenge_method")).toBe("S256");
    expect(asked.get("resource")).toBe(server.mcpUrl);
    expect(asked.get("redirect_uri")).toMatch(/^http:\/\/localhost:\d+\/callback$/);

    const after = await user.claude(["mcp", "list"]);
    expect(after.stdout).toMatch(/coordinator: .*✔ Connected/);

    // A scripted model makes Claude Code call a coordinator tool; the agent it registers is owned by the
    // person who signed in, which only the access token Claude Code stored can have told the server.
    const fake = await startFakeMessagesApi([
      {
        tool: "mcp__coordinator__register_agent",
        input: { name: "dana via claude code", agent_id: "cc-dana" },
      },
      { text: "registered" },
    ]);
    try {
      const result = await user.claude(
        [
          "-p",
          "register with the coordinator",
          "--output-format",
          "stream-json",
          "--verbose",
          "--allowedTools",
          "mcp__coordinator__register_agent",
        ],
        60_000,
        fake.url,
      );
      const final = result.stdout
        .split("\n")
        .filter((line) => line.trim().startsWith("{"))
        .map((line) => JSON.parse(line) as { type: string; subtype?: string })
        .find((event) => event.type === "result");
      expect(final, `${result.stdout.slice(-2_000)}\n${result.stderr.slice(-2_000)}`).toMatchObject({
        subtype: "success",
      });
    } finally {
      await fake.close();
    }
    const owner = await server.auth?.directory.agentOwner({ orgId: "acme", agentId: "cc-dana" });
    expect(owner?.ownerUserId).toBe("dana@acme.test");
  }, 240_000);
});
