import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AsWorld, startAsWorld } from "./as-harness.js";
import { callMcp, refresh, tokenRequest } from "./client.js";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

let world: AsWorld;
beforeAll(async () => {
  world = await startAsWorld();
});
afterAll(() => world.close());

async function registerDeviceClient(): Promise<string> {
  const response = await fetch(`${world.origin}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      token_endpoint_auth_method: "none",
      grant_types: [DEVICE_GRANT, "refresh_token"],
      client_name: "terminal",
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { client_id: string }).client_id;
}

async function startDevice(clientId: string) {
  const response = await fetch(`${world.origin}/oauth/device_authorization`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: clientId, scope: "mcp:tools", resource: world.resource }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string | number> };
}

const poll = (clientId: string, deviceCode: string) =>
  tokenRequest(world, { grant_type: DEVICE_GRANT, client_id: clientId, device_code: deviceCode });

/** The person at the browser: submits the code on the verification page, then signs in upstream. */
async function enterCode(userCode: string, action: "approve" | "deny", account = "dana") {
  world.idp.signInAs(account);
  const response = await fetch(`${world.origin}/oauth/device`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user_code: userCode, action }),
  });
  const location = response.headers.get("location");
  if (location === null) return { status: response.status, text: await response.text() };
  const { last } = await world.browser.follow(new URL(location, world.origin).href, "never:");
  return { status: last.status, text: await last.text() };
}

describe("device authorization grant (RFC 8628)", () => {
  it("advertises the endpoint and the grant in the AS metadata", async () => {
    const body = (await (
      await fetch(`${world.origin}/.well-known/oauth-authorization-server`)
    ).json()) as Record<string, unknown>;
    expect(body.device_authorization_endpoint).toBe(`${world.origin}/oauth/device_authorization`);
    expect(body.grant_types_supported).toContain(DEVICE_GRANT);
  });

  it("pending, slow_down, then the signed-in user's tokens, once", async () => {
    const clientId = await registerDeviceClient();
    const { status, body } = await startDevice(clientId);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      verification_uri: `${world.origin}/oauth/device`,
      expires_in: 600,
      interval: 5,
    });
    expect(body.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(body.verification_uri_complete).toBe(
      `${world.origin}/oauth/device?user_code=${encodeURIComponent(body.user_code as string)}`,
    );
    const deviceCode = body.device_code as string;
    expect((await poll(clientId, deviceCode)).body.error).toBe("authorization_pending");
    const tooFast = await poll(clientId, deviceCode);
    expect(tooFast).toMatchObject({ status: 400, body: { error: "slow_down" } });
    expect(tooFast.body.error_description).toContain("10 seconds");
    world.clock.advance(10_000);
    expect((await poll(clientId, deviceCode)).body.error).toBe("authorization_pending");

    const page = await (await fetch(body.verification_uri_complete as string)).text();
    expect(page).toContain(`value="${body.user_code}"`);
    // Typed lower case without the dash, as people do.
    const signedIn = await enterCode((body.user_code as string).replace("-", "").toLowerCase(), "approve");
    expect(signedIn.status).toBe(200);
    expect(signedIn.text).toContain("Signed in as dana@acme.test");

    world.clock.advance(10_000);
    const granted = await poll(clientId, deviceCode);
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ token_type: "Bearer", scope: "mcp:tools" });
    const mcp = await callMcp(world, granted.body.access_token as string);
    expect(mcp.body).toMatchObject({ userId: "dana@acme.test", orgId: "acme" });
    const refreshed = await refresh(world, clientId, granted.body.refresh_token as string);
    expect(refreshed.status).toBe(200);

    world.clock.advance(10_000);
    expect((await poll(clientId, deviceCode)).body.error).toBe("invalid_grant");
  });

  it("answers access_denied when the person refuses in the browser", async () => {
    const clientId = await registerDeviceClient();
    const { body } = await startDevice(clientId);
    const refused = await enterCode(body.user_code as string, "deny");
    expect(refused.status).toBe(200);
    expect(refused.text).toContain("refused");
    expect((await poll(clientId, body.device_code as string)).body.error).toBe("access_denied");
  });

  it("answers expired_token after expires_in, and the code is no longer accepted in the browser", async () => {
    const clientId = await registerDeviceClient();
    const { body } = await startDevice(clientId);
    world.clock.advance(600_001);
    expect((await poll(clientId, body.device_code as string)).body.error).toBe("expired_token");
    const late = await enterCode(body.user_code as string, "approve");
    expect(late.status).toBe(400);
  });

  it("refuses a device code from another client and a client without the device grant", async () => {
    const clientId = await registerDeviceClient();
    const other = await registerDeviceClient();
    const { body } = await startDevice(clientId);
    expect((await poll(other, body.device_code as string)).body.error).toBe("invalid_grant");
    const codeOnly = await fetch(`${world.origin}/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ redirect_uris: ["http://localhost/cb"], token_endpoint_auth_method: "none" }),
    });
    const { client_id } = (await codeOnly.json()) as { client_id: string };
    expect((await startDevice(client_id)).body.error).toBe("unauthorized_client");
  });

  it("locks the caller out after repeated wrong user codes, even for a right one", async () => {
    // A fresh lockout window: the expired-code case above already counted one miss from here.
    world.clock.advance(15 * 60_000 + 1);
    const clientId = await registerDeviceClient();
    const { body } = await startDevice(clientId);
    for (let i = 0; i < 5; i += 1) {
      const wrong = await enterCode("BBBB-BBBB", "approve");
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain("unknown, expired or already used");
    }
    const locked = await enterCode(body.user_code as string, "approve");
    expect(locked.status).toBe(429);
    expect(locked.text).toContain("Too many wrong codes");
  });
});
