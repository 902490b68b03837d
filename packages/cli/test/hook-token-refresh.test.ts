import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { oauthRefresher, type StoredToken } from "@mcp-coordinator/sdk";
import { FileTokenStore } from "@mcp-coordinator/sdk/node";
import { freePort } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login } from "../src/commands/login/login.js";
import { newHome } from "./cli-helpers.js";
import { claude, type HookRun, runHook, tempRepo } from "./hook-helpers.js";
import { approveDeviceCode, type OAuthServer, startOAuthServer } from "./oauth-server.js";

interface SignedIn {
  readonly home: string;
  readonly tokenFile: string;
}

let oauth: OAuthServer;
let single: SignedIn;
let shared: SignedIn;

/** `mcp-coordinator login` in a fresh HOME, the person approving the code at the printed URL as dana. */
async function signIn(): Promise<SignedIn> {
  const home = newHome();
  const lines: string[] = [];
  let browser: Promise<void> | null = null;
  await login(
    { url: oauth.server.url },
    {
      env: { HOME: home },
      tokenDir: join(home, ".mcp-coordinator", "tokens"),
      out(line) {
        lines.push(line);
        const shown = /^Open (\S+) and enter the code ([A-Z]{4}-[A-Z]{4})$/.exec(line);
        if (shown)
          browser = approveDeviceCode(oauth.idp, shown[1] as string, shown[2] as string).then(
            () => undefined,
          );
      },
    },
  );
  await browser;
  const tokenFile = lines.at(-1)?.split("token saved to ")[1];
  if (tokenFile === undefined) throw new Error(`login did not save a token: ${lines.join(" | ")}`);
  return { home, tokenFile };
}

const stored = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Required<StoredToken>;

/** The hook runner clients start (hook.cjs), with time to spare on a loaded machine and its debug lines on. */
function sessionStart(who: SignedIn, agentId: string): Promise<HookRun> {
  return runHook("SessionStart", claude.sessionStart(tempRepo(), agentId), {
    url: oauth.server.url,
    home: who.home,
    bundle: true,
    args: ["--timeout-ms", "10000"],
    env: { MCP_COORDINATOR_AGENT_ID: agentId, MCP_COORDINATOR_HOOK_DEBUG: "1" },
  });
}

const ownerOf = async (agentId: string) =>
  (await oauth.server.auth?.directory.agentOwner({ orgId: "acme", agentId }))?.ownerUserId;

async function hookStatus(accessToken: string): Promise<number> {
  const response = await fetch(`${oauth.server.url}/api/hooks/session`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${accessToken}`,
      "content-type": "application/json",
      "x-agent-id": "probe",
    },
    body: JSON.stringify({ agent_id: "probe", name: "probe" }),
  });
  await response.arrayBuffer();
  return response.status;
}

beforeAll(async () => {
  // The shortest access-token lifetime the coordinator issues; the tests wait it out for real.
  oauth = await startOAuthServer({ env: { COORDINATOR_OAUTH_ACCESS_TTL: "1m" } });
  single = await signIn();
  shared = await signIn();
  const expiry = Math.max(stored(single.tokenFile).expires_at, stored(shared.tokenFile).expires_at);
  await new Promise((resolve) => setTimeout(resolve, expiry - Date.now() + 1_500));
}, 150_000);

afterAll(async () => {
  await oauth?.close();
});

describe("the hook runner refreshes the stored sign-in", () => {
  it("refreshes an expired token, calls as the signed-in user, and rotates the 0600 token file", async () => {
    const before = stored(single.tokenFile);
    expect(before.expires_at).toBeLessThan(Date.now());
    // Without a refresh the hook would be refused: the server no longer takes the stored access token.
    expect(await hookStatus(before.access_token)).toBe(401);

    const run = await sessionStart(single, "dana-laptop");

    expect(run.code).toBe(0);
    expect(await ownerOf("dana-laptop")).toBe("dana@acme.test");
    const after = stored(single.tokenFile);
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.expires_at).toBeGreaterThan(Date.now());
    expect(statSync(single.tokenFile).mode & 0o777).toBe(0o600);
    expect(run.stderr).toContain(`refreshed the stored sign-in for ${oauth.server.url}`);
    for (const secret of [
      before.access_token,
      before.refresh_token,
      after.access_token,
      after.refresh_token,
    ]) {
      expect(run.stderr).not.toContain(secret);
    }
  });

  it("lets 4 hooks started at once with an expired token refresh it once, and all call as the user", async () => {
    const before = stored(shared.tokenFile);
    expect(before.expires_at).toBeLessThan(Date.now());

    const runs = await Promise.all([1, 2, 3, 4].map((n) => sessionStart(shared, `dana-agent-${n}`)));

    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0]);
    for (const n of [1, 2, 3, 4]) expect(await ownerOf(`dana-agent-${n}`)).toBe("dana@acme.test");
    const refreshes = runs.filter((run) => run.stderr.includes("refreshed the stored sign-in"));
    expect(refreshes).toHaveLength(1);
    expect(runs.map((run) => run.stderr).join("")).not.toContain("was not refreshed");
    const after = stored(shared.tokenFile);
    expect(after.refresh_token).not.toBe(before.refresh_token);
    // No refresh token was spent twice, so the family still lives: the stored one refreshes again.
    await expect(oauthRefresher()(after)).resolves.toMatchObject({ access_token: expect.any(String) });
  });

  it("says why on stderr and goes on without the token when the token endpoint cannot be reached", async () => {
    const home = newHome();
    const store = new FileTokenStore({
      server: oauth.server.url,
      dir: join(home, ".mcp-coordinator", "tokens"),
    });
    const secret = "a-refresh-token-that-must-not-be-logged";
    await store.save({
      access_token: "an-expired-access-token-not-to-log",
      refresh_token: secret,
      client_id: "device-client",
      token_endpoint: `http://127.0.0.1:${await freePort()}/oauth/token`,
      expires_at: Date.now() - 1_000,
    });

    const run = await sessionStart({ home, tokenFile: store.path }, "dana-offline");

    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /the stored sign-in for \S+ \(expires [^)]+\) was not refreshed: Could not reach http:\/\/127\.0\.0\.1:\d+\/oauth\/token\. Going on without a token; run `mcp-coordinator login`/,
    );
    expect(run.stderr).not.toContain(secret);
    expect(run.stderr).not.toContain("an-expired-access-token-not-to-log");
    expect(await ownerOf("dana-offline")).toBeUndefined();
  });
});
