import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryStore } from "@mcp-coordinator/core/testing";
import { createTokenManager, DeviceLoginError, startDeviceLogin } from "@mcp-coordinator/sdk";
import { FileTokenStore } from "@mcp-coordinator/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OidcIdp } from "../../auth/test/oauth/oidc-idp.js";
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
        signedIn = await approveDeviceCode(idp, `${server.url}/oauth/device`, login.userCode);
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
    expect(await mcpInitializeStatus(server.mcpUrl, token.access_token)).toBe(200);

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
    expect(await mcpInitializeStatus(server.mcpUrl, fresh)).toBe(200);
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
