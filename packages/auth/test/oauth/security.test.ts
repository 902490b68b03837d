import { generateRandomCodeVerifier } from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadKeySet } from "../../src/keys/key-set.js";
import { signAccessToken } from "../../src/oauth/tokens/access-token.js";
import { jwtConfig } from "../harness.js";
import { type AsWorld, startAsWorld } from "./as-harness.js";
import {
  authorizeUrl,
  callMcp,
  exchangeCode,
  refresh,
  registerClient,
  signedInClient,
  signIn,
  tokenRequest,
} from "./client.js";

let world: AsWorld;
beforeAll(async () => {
  world = await startAsWorld({ COORDINATOR_OAUTH_LOCKOUT_THRESHOLD: "3" });
});
afterAll(() => world.close());

async function newClient(): Promise<string> {
  return (await registerClient(world)).body.client_id as string;
}

/** The error redirect /authorize sent back to the client, or null when it showed a page instead. */
async function authorizeError(url: string) {
  const response = await fetch(url, { redirect: "manual" });
  const location = response.headers.get("location");
  await response.arrayBuffer();
  return { status: response.status, location: location === null ? null : new URL(location) };
}

describe("PKCE", () => {
  it("refuses an authorization request without a code_challenge", async () => {
    const { location } = await authorizeError(
      await authorizeUrl(world, { clientId: await newClient(), challenge: null, challengeMethod: null }),
    );
    expect(location?.searchParams.get("error")).toBe("invalid_request");
    expect(location?.searchParams.get("state")).toBe("client-state-1");
  });

  it("refuses the plain method", async () => {
    const verifier = generateRandomCodeVerifier();
    const { location } = await authorizeError(
      await authorizeUrl(world, {
        clientId: await newClient(),
        challenge: verifier,
        challengeMethod: "plain",
      }),
    );
    expect(location?.searchParams.get("error")).toBe("invalid_request");
    expect(location?.searchParams.get("error_description")).toMatch(/S256/);
  });

  it("refuses a code redeemed without the verifier or with a wrong one", async () => {
    const clientId = await newClient();
    const { verifier, callback } = await signIn(world, clientId);
    const code = callback?.searchParams.get("code") as string;
    const missing = await exchangeCode(world, clientId, code, null);
    expect(missing).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const wrong = await exchangeCode(world, clientId, code, generateRandomCodeVerifier());
    expect(wrong).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect((await exchangeCode(world, clientId, code, verifier)).status).toBe(200);
  });
});

describe("redirect URIs", () => {
  it("never redirects to an unregistered URI: a page, no Location", async () => {
    const clientId = await newClient();
    for (const redirectUri of [
      "https://evil.test/callback",
      "http://127.0.0.1:50423/callback",
      "http://localhost:50423/callback/../../evil",
      "http://localhost:50423/other",
    ]) {
      const { status, location } = await authorizeError(
        await authorizeUrl(world, { clientId, redirectUri, verifier: generateRandomCodeVerifier() }),
      );
      expect({ redirectUri, status, location }).toEqual({ redirectUri, status: 400, location: null });
    }
  });

  it("refuses to register a redirect that is neither https nor loopback", async () => {
    const { status, body } = await registerClient(world, { redirect_uris: ["http://evil.test/cb"] });
    expect(status).toBe(400);
    expect(body.error).toBe("invalid_redirect_uri");
  });
});

describe("upstream callback: state and nonce", () => {
  it("refuses a callback whose state it never issued", async () => {
    const response = await world.browser.get(`${world.origin}/oauth/callback/acme?code=abc&state=forged`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/not valid any more/);
  });

  it("refuses a replayed callback (same code, state and nonce) after it was used once", async () => {
    const clientId = await newClient();
    world.idp.signInAs("dana");
    const verifier = generateRandomCodeVerifier();
    const { url } = await world.browser.follow(
      await authorizeUrl(world, { clientId, verifier }),
      `${world.origin}/oauth/callback/`,
    );
    const upstreamCallback = url?.href as string;
    const first = await world.browser.get(upstreamCallback);
    expect(first.status).toBe(302);
    const replay = await world.browser.get(upstreamCallback);
    expect(replay.status).toBe(400);
  });

  it("locks a caller out after repeated failed callbacks", async () => {
    // The threshold is 3 in this world; earlier tests may have failed some already from this address.
    for (let i = 0; i < 3; i += 1)
      await world.browser.get(`${world.origin}/oauth/callback/acme?code=x&state=bad-${i}`);
    const locked = await world.browser.get(`${world.origin}/oauth/callback/acme?code=x&state=bad-last`);
    expect(locked.status).toBe(429);
    world.clock.advance(15 * 60_000 + 1);
    const after = await world.browser.get(`${world.origin}/oauth/callback/acme?code=x&state=bad-after`);
    expect(after.status).toBe(400);
  });
});

describe("codes and refresh tokens", () => {
  it("refuses a reused code and revokes the tokens its first use produced", async () => {
    const { clientId, tokens, code, verifier } = await signedInClient(world);
    const again = await exchangeCode(world, clientId, code, verifier);
    expect(again).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect((await callMcp(world, tokens.access_token as string)).status).toBe(401);
    expect((await refresh(world, clientId, tokens.refresh_token as string)).status).toBe(400);
  });

  it("rotates refresh tokens; a reuse inside the grace window is refused but the family lives", async () => {
    const { clientId, tokens } = await signedInClient(world);
    const first = await refresh(world, clientId, tokens.refresh_token as string);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(tokens.refresh_token);
    world.clock.advance(10_000);
    const reuse = await refresh(world, clientId, tokens.refresh_token as string);
    expect(reuse).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(
      world.logs.some((l) => l.data?.code === "AUTH_REFRESH_REUSE" && l.data.familyRevoked === false),
    ).toBe(true);
    expect((await callMcp(world, first.body.access_token as string)).status).toBe(200);
    expect((await refresh(world, clientId, first.body.refresh_token as string)).status).toBe(200);
  });

  it("revokes the whole family when a rotated refresh token comes back after the grace window", async () => {
    const { clientId, tokens } = await signedInClient(world);
    const first = await refresh(world, clientId, tokens.refresh_token as string);
    world.clock.advance(61_000);
    const reuse = await refresh(world, clientId, tokens.refresh_token as string);
    expect(reuse).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(
      world.logs.some((l) => l.data?.code === "AUTH_REFRESH_REUSE" && l.data.familyRevoked === true),
    ).toBe(true);
    expect((await callMcp(world, first.body.access_token as string)).status).toBe(401);
    expect((await refresh(world, clientId, first.body.refresh_token as string)).status).toBe(400);
  });

  it("refuses a refresh token presented by another client", async () => {
    const { tokens } = await signedInClient(world);
    const other = await newClient();
    expect((await refresh(world, other, tokens.refresh_token as string)).status).toBe(400);
  });
});

describe("access tokens", () => {
  it("refuses an expired access token", async () => {
    const { tokens } = await signedInClient(world);
    world.clock.advance(3_600_000 + 1_000);
    const { status, challenge } = await callMcp(world, tokens.access_token as string);
    expect(status).toBe(401);
    expect(challenge).toMatch(/invalid_token.*expired/);
  });

  it("refuses a token revoked at the revocation endpoint (RFC 7009), and its refresh token", async () => {
    const { clientId, tokens } = await signedInClient(world);
    const response = await fetch(`${world.origin}/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens.refresh_token as string, client_id: clientId }),
    });
    expect(response.status).toBe(200);
    expect((await callMcp(world, tokens.access_token as string)).status).toBe(401);
    expect((await refresh(world, clientId, tokens.refresh_token as string)).status).toBe(400);
  });

  it("refuses a token we signed for another audience", async () => {
    const keys = await loadKeySet(jwtConfig());
    const foreign = await signAccessToken(
      keys,
      { issuer: world.origin, audience: "https://other.test/mcp", now: world.clock.now(), ttlMs: 600_000 },
      {
        userId: "dana@acme.test",
        orgId: "acme",
        clientId: "x",
        scopes: ["mcp:tools"],
        familyId: "f",
        epoch: 0,
      },
    );
    const { status, challenge } = await callMcp(world, foreign);
    expect(status).toBe(401);
    expect(challenge).toMatch(/another resource/);
  });

  it("refuses to authorize a foreign resource (RFC 8707 invalid_target)", async () => {
    const { location } = await authorizeError(
      await authorizeUrl(world, {
        clientId: await newClient(),
        verifier: generateRandomCodeVerifier(),
        resource: "https://other.test/mcp",
      }),
    );
    expect(location?.searchParams.get("error")).toBe("invalid_target");
  });

  it("logout ends one sign-in; logout everywhere ends them all", async () => {
    const a = await signedInClient(world);
    const b = await signedInClient(world);
    const post = (path: string, token: string) =>
      fetch(`${world.origin}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect((await post("/oauth/logout", a.tokens.access_token as string)).status).toBe(200);
    expect((await callMcp(world, a.tokens.access_token as string)).status).toBe(401);
    expect((await callMcp(world, b.tokens.access_token as string)).status).toBe(200);
    const c = await signedInClient(world);
    expect((await post("/oauth/logout-everywhere", c.tokens.access_token as string)).status).toBe(200);
    expect((await callMcp(world, b.tokens.access_token as string)).status).toBe(401);
    expect((await callMcp(world, c.tokens.access_token as string)).status).toBe(401);
    expect((await refresh(world, b.clientId, b.tokens.refresh_token as string)).body.error).toBe(
      "invalid_grant",
    );
    const d = await signedInClient(world);
    expect((await callMcp(world, d.tokens.access_token as string)).status).toBe(200);
  });
});

describe("token endpoint input", () => {
  it("refuses a JSON token request and an unknown grant type with JSON errors", async () => {
    const json = await fetch(`${world.origin}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe("invalid_request");
    const grant = await tokenRequest(world, { grant_type: "password", client_id: "x" });
    expect(grant).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });
  });
});
