import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryStore } from "@mcp-coordinator/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OidcIdp } from "../../auth/test/oauth/oidc-idp.js";
import { resolveHookSettings } from "../src/client/hooks/hook-settings.js";
import { CliError } from "../src/commands/cli-error.js";
import { login } from "../src/commands/login/login.js";
import { logout } from "../src/commands/login/logout.js";
import { whoami } from "../src/commands/login/whoami.js";
import type { CoordinatorServer } from "../src/index.js";
import { startTestServer } from "./helpers.js";
import {
  approveDeviceCode,
  mcpInitializeStatus,
  type OAuthServer,
  startOAuthServer,
} from "./oauth-server.js";

let server: CoordinatorServer;
let idp: OidcIdp;
let oauth: OAuthServer | undefined;

beforeAll(async () => {
  oauth = await startOAuthServer();
  ({ server, idp } = oauth);
});

afterAll(async () => {
  await oauth?.close();
});

describe("mcp-coordinator login / whoami / logout", () => {
  it("signs in with a device code, stores the token 0600, the hooks use it, whoami names the user, logout revokes it", async () => {
    const home = mkdtempSync(join(tmpdir(), "device-login-"));
    const tokenDir = join(home, ".mcp-coordinator", "tokens");
    const env = { HOME: home };
    const lines: string[] = [];
    let browser: Promise<void> | null = null;
    await login(
      { url: server.url },
      {
        env,
        tokenDir,
        out(line) {
          lines.push(line);
          const shown = /^Open (\S+) and enter the code ([A-Z]{4}-[A-Z]{4})$/.exec(line);
          if (shown)
            browser = approveDeviceCode(idp, shown[1] as string, shown[2] as string).then((page) => {
              expect(page).toContain("Signed in as dana@acme.test");
            });
        },
      },
    );
    await browser;
    expect(lines.at(-1)).toMatch(/^Signed in as dana@acme\.test \(org acme\); token saved to /);

    const hook = resolveHookSettings({ url: server.url }, env, home);
    expect(hook.token).toEqual(expect.any(String));
    const tokenFile = lines.at(-1)?.split("token saved to ")[1] as string;
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(await mcpInitializeStatus(server.mcpUrl, hook.token as string)).toBe(200);
    // An explicit token variable still wins over the stored sign-in.
    expect(resolveHookSettings({ url: server.url }, { ...env, MCP_COORDINATOR_TOKEN: "t" }, home).token).toBe(
      "t",
    );

    const who: string[] = [];
    await whoami({ url: server.url }, { env, tokenDir, out: (l) => who.push(l) });
    expect(who[0]).toBe("user:    dana@acme.test");
    expect(who[1]).toBe("org:     acme");
    expect(who[2]).toMatch(/^expires: \d{4}-\d\d-\d\dT.* \(refreshable\)$/);

    await logout({ url: server.url }, { env, tokenDir, out: () => {} });
    expect(existsSync(tokenFile)).toBe(false);
    expect(await mcpInitializeStatus(server.mcpUrl, hook.token as string)).toBe(401);
    await expect(whoami({ url: server.url }, { env, tokenDir, out: () => {} })).rejects.toThrow(
      /not signed in .*mcp-coordinator login/,
    );
  }, 30_000);

  it("refuses a code submitted from another site's page (the protocol guard)", async () => {
    const response = await fetch(`${server.url}/oauth/device`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
      },
      body: new URLSearchParams({ user_code: "BCDF-GHJK", action: "approve" }),
    });
    expect(response.status).toBe(403);
  });

  it("says clearly when the coordinator is not in oauth mode", async () => {
    const open = await startTestServer({ port: 0, store: new MemoryStore(), mcpHandler: undefined });
    try {
      const failure = await login({ url: open.url }, { out: () => {} }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(CliError);
      expect((failure as Error).message).toMatch(/does not offer OAuth sign-in.*--auth oauth/);
    } finally {
      await open.close();
    }
  });
});
