import { mkdtempSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryStore } from "@mcp-coordinator/core/testing";
import { createTokenManager } from "@mcp-coordinator/sdk";
import { FileTokenStore } from "@mcp-coordinator/sdk/node";
import { freePort } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HeadlessBrowser } from "../../auth/test/oauth/browser.js";
import type { OidcIdp } from "../../auth/test/oauth/oidc-idp.js";
import { CliError } from "../src/commands/cli-error.js";
import { login } from "../src/commands/login/login.js";
import { whoami } from "../src/commands/login/whoami.js";
import type { CoordinatorServer } from "../src/index.js";
import { startTestServer } from "./helpers.js";
import { mcpInitializeStatus, type OAuthServer, startOAuthServer } from "./oauth-server.js";

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

function tempTokens() {
  const home = mkdtempSync(join(tmpdir(), "browser-login-"));
  return { env: { HOME: home }, tokenDir: join(home, ".mcp-coordinator", "tokens") };
}

/** The loopback redirect URI and state the CLI put in the authorization URL it opened. */
function requestOf(authorizationUrl: string) {
  const url = new URL(authorizationUrl);
  return {
    redirectUri: url.searchParams.get("redirect_uri") as string,
    state: url.searchParams.get("state") as string,
  };
}

/** Runs `login --browser` with `browser` as the person's browser; returns what it printed and the page shown. */
async function browserLogin(
  browser: (url: string) => Promise<Response>,
  flags: Record<string, string | boolean> = {},
  url = server.url,
) {
  const { env, tokenDir } = tempTokens();
  const lines: string[] = [];
  let page: Promise<Response> | null = null;
  const result = login(
    { url, browser: true, ...flags },
    {
      env,
      tokenDir,
      out: (line) => lines.push(line),
      openBrowser: async (target) => {
        page = browser(target);
      },
    },
  );
  const outcome = await result.then(
    () => null,
    (error: unknown) => error,
  );
  const shown = page === null ? null : await (page as Promise<Response>);
  return { outcome, lines, page: shown, text: shown === null ? "" : await shown.text(), env, tokenDir };
}

/** The person's browser following every redirect: coordinator, IdP, back to the loopback listener. */
const follow = async (url: string) => (await new HeadlessBrowser().follow(url, "never:")).last;

describe("mcp-coordinator login --browser (code flow + PKCE, loopback redirect)", () => {
  it("signs in through the browser, shows 'signed in' in the tab and stores a refreshable token 0600", async () => {
    idp.signInAs("dana");
    const run = await browserLogin(follow);
    expect(run.outcome).toBeNull();
    expect(run.page?.status).toBe(200);
    expect(run.text).toContain("You are signed in to mcp-coordinator; you can close this tab.");
    // The URL is always printed, for a person whose browser is on another machine.
    const printed = run.lines.find((line) => line.startsWith(`  ${server.url}/oauth/authorize?`));
    expect(printed).toBeDefined();
    const request = new URL((printed as string).trim());
    expect(request.searchParams.get("code_challenge_method")).toBe("S256");
    expect(request.searchParams.get("redirect_uri")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(request.searchParams.get("resource")).toBe(server.mcpUrl);
    expect(run.lines.at(-1)).toMatch(/^Signed in as .+ \(org acme\); token saved to /);

    const store = new FileTokenStore({ server: server.url, dir: run.tokenDir });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const token = await store.load();
    expect(token?.refresh_token).toEqual(expect.any(String));
    expect(await mcpInitializeStatus(server.mcpUrl, token?.access_token as string)).toBe(200);

    const who: string[] = [];
    await whoami({ url: server.url }, { env: run.env, tokenDir: run.tokenDir, out: (l) => who.push(l) });
    expect(who.join("\n")).toContain("org:     acme");

    // Refreshed exactly like a device sign-in's token: the default refresher, rotation, saved back.
    const refreshed = await createTokenManager({ store }).refresh();
    expect(refreshed.refresh_token).not.toBe(token?.refresh_token);
    expect(await mcpInitializeStatus(server.mcpUrl, refreshed.access_token)).toBe(200);
  });

  it("says the person refused when the callback carries error=access_denied", async () => {
    const run = await browserLogin(async (url) => {
      const { redirectUri, state } = requestOf(url);
      return fetch(`${redirectUri}?error=access_denied&state=${encodeURIComponent(state)}`);
    });
    expect(run.outcome).toBeInstanceOf(CliError);
    expect((run.outcome as Error).message).toBe(
      "login: The sign-in was refused in the browser (access_denied); run the login again to retry.",
    );
    expect(run.page?.status).toBe(400);
    expect(run.text).toContain("Sign-in failed");
    expect(run.text).toContain("You can close this tab.");
  });

  it("refuses a callback whose state is not the one it sent, and stores nothing", async () => {
    const run = await browserLogin(async (url) => {
      const { redirectUri } = requestOf(url);
      return fetch(`${redirectUri}?code=stolen-code&state=forged`);
    });
    expect((run.outcome as Error).message).toMatch(
      /^login: The sign-in came back with another state than the one sent/,
    );
    expect(run.text).toContain("Sign-in failed");
    expect(await new FileTokenStore({ server: server.url, dir: run.tokenDir }).load()).toBeNull();
  });

  it("gives up after --timeout seconds when nobody signs in", async () => {
    const started = Date.now();
    const run = await browserLogin(async () => new Response(null), { timeout: "1" });
    expect((run.outcome as Error).message).toBe(
      "login: Nobody finished signing in within 1 s; run the login again (the URL works once).",
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("names the port when --port is taken", async () => {
    const port = await freePort();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
    try {
      const run = await browserLogin(follow, { port: String(port) });
      expect((run.outcome as Error).message).toBe(
        `login: Port ${port} on 127.0.0.1 is in use, so the sign-in cannot receive its redirect there; pick another port, or leave it out and a free one is used.`,
      );
      expect(run.page).toBeNull();
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it("answers a request naming another Host with 421 and keeps waiting for the real redirect", async () => {
    idp.signInAs("dana");
    let rebound: number | null = null;
    const run = await browserLogin(async (url) => {
      const { redirectUri, state } = requestOf(url);
      // A page on evil.test resolving its name to 127.0.0.1 (DNS rebinding) reaches the listener with its Host.
      const { request } = await import("node:http");
      rebound = await new Promise<number>((resolve, reject) => {
        const req = request(`${redirectUri}?code=x&state=${encodeURIComponent(state)}`, {
          headers: { host: "evil.test" },
        });
        req.on("response", (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
      return follow(url);
    });
    expect(rebound).toBe(421);
    expect(run.outcome).toBeNull();
    expect(run.text).toContain("You are signed in");
  });

  it("explains that a coordinator in open mode offers no sign-in", async () => {
    const open = await startTestServer({ store: new MemoryStore(), mcpHandler: undefined });
    try {
      const run = await browserLogin(follow, {}, open.url);
      expect((run.outcome as Error).message).toContain("does not offer OAuth sign-in");
      expect((run.outcome as Error).message).toContain("--auth oauth");
    } finally {
      await open.close();
    }
  });

  it("refuses a --port that is not a port", async () => {
    const run = await browserLogin(follow, { port: "80a" });
    expect((run.outcome as Error).message).toBe(
      'login: --port "80a" must be a whole number from 1 to 65535.',
    );
  });
});
