import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryStore } from "@mcp-coordinator/core/testing";
import { createTokenManager, DeviceLoginError, startDeviceLogin } from "@mcp-coordinator/sdk";
import { FileTokenStore } from "@mcp-coordinator/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The auth package's real-IdP fixture and headless browser; the SDK from source (the SDK's own tests
// cannot start the IdP, and the cli cannot depend on the SDK, which depends on it for its tests).
import { HeadlessBrowser } from "../../auth/test/oauth/browser.js";
import type { OidcIdp } from "../../auth/test/oauth/oidc-idp.js";
import type { CoordinatorServer } from "../src/index.js";
import { startTestServer } from "./helpers.js";
import { type OAuthServer, startOAuthServer } from "./oauth-server.js";

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

/** The person at the browser: types the code on the verification page and signs in upstream. */
async function approveInBrowser(userCode: string): Promise<string> {
  idp.signInAs("dana");
  const response = await fetch(`${server.url}/oauth/device`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user_code: userCode, action: "approve" }),
  });
  const location = response.headers.get("location");
  if (location === null) throw new Error(`no redirect: ${response.status} ${await response.text()}`);
  const { last } = await new HeadlessBrowser().follow(new URL(location, server.url).href, "never:");
  return last.text();
}

async function whoIs(accessToken: string): Promise<number> {
  const response = await fetch(server.mcpUrl, {
    method: "POST",
    headers: {
      authorization: `Bearer ${accessToken}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe("the SDK's device sign-in against a coordinator in oauth mode", () => {
  it("registers, shows a code, honours slow_down, returns a token that works and refreshes", async () => {
    const sleeps: number[] = [];
    let signedIn = "";
    const login = await startDeviceLogin({
      url: server.url,
      async sleep(ms) {
        sleeps.push(ms);
        // Polls 1 and 2 go out at once: the second is too soon and earns a slow_down.
        if (sleeps.length < 3) return;
        signedIn = await approveInBrowser(login.userCode);
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    expect(login.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(login.verificationUri).toBe(`${server.url}/oauth/device`);
    expect(login.verificationUriComplete).toContain(encodeURIComponent(login.userCode));
    const token = await login.waitForToken();
    expect(sleeps).toEqual([5_000, 5_000, 10_000]);
    expect(signedIn).toContain("Signed in as dana@acme.test");
    expect(token).toMatchObject({ client_id: login.clientId, token_endpoint: `${server.url}/oauth/token` });
    expect(token.refresh_token).toEqual(expect.any(String));
    expect(await whoIs(token.access_token)).toBe(200);

    const dir = mkdtempSync(join(tmpdir(), "device-sdk-"));
    const store = new FileTokenStore({ server: server.url, dir });
    await store.save(token);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    // A clock past the expiry: the manager refreshes with the refresh-token grant before answering.
    const manager = createTokenManager({ store, now: () => (token.expires_at ?? 0) + 1, jitterMs: 0 });
    const fresh = await manager.accessToken();
    expect(fresh).not.toBe(token.access_token);
    const saved = await store.load();
    expect(saved?.refresh_token).not.toBe(token.refresh_token);
    expect(saved?.client_id).toBe(login.clientId);
    expect(await whoIs(fresh)).toBe(200);
  }, 30_000);

  it("reports a coordinator that is not in oauth mode as OAUTH_UNAVAILABLE, with the fix", async () => {
    const open = await startTestServer({ port: 0, store: new MemoryStore(), mcpHandler: undefined });
    try {
      const refusal = await startDeviceLogin({ url: open.url }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DeviceLoginError);
      expect(refusal).toMatchObject({ code: "OAUTH_UNAVAILABLE" });
      expect((refusal as Error).message).toContain("--auth oauth");
    } finally {
      await open.close();
    }
  });

  it("answers DEVICE_LOGIN_DENIED when the person refuses", async () => {
    const login = await startDeviceLogin({
      url: server.url,
      async sleep() {
        await fetch(`${server.url}/oauth/device`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ user_code: login.userCode, action: "deny" }),
        });
      },
    });
    await expect(login.waitForToken()).rejects.toMatchObject({ code: "DEVICE_LOGIN_DENIED" });
  });
});
