import { generateRandomCodeVerifier } from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AsWorld, startAsWorld } from "./as-harness.js";
import { HeadlessBrowser } from "./browser.js";
import { authorizeUrl, registerClient, signedInClient } from "./client.js";

let world: AsWorld;
beforeAll(async () => {
  world = await startAsWorld({
    COORDINATOR_OAUTH_ALLOWED_DOMAINS: "acme.test",
    COORDINATOR_OAUTH_ALLOWED_GROUPS: "eng",
    COORDINATOR_OAUTH_MAX_CLIENTS: "6",
  });
});
afterAll(() => world.close());

async function signInPage(account: string) {
  const clientId = (await registerClient(world)).body.client_id as string;
  world.idp.signInAs(account);
  const url = await authorizeUrl(world, { clientId, verifier: generateRandomCodeVerifier() });
  // A fresh browser: no IdP session left over from the previous person.
  const { url: reached, last } = await new HeadlessBrowser().follow(url, "http://localhost:50423/callback");
  return { reached, status: last.status, text: await last.text() };
}

describe("allowlists", () => {
  it("lets an allowed user in", async () => {
    const { tokens } = await signedInClient(world, "dana");
    expect(tokens.access_token).toEqual(expect.any(String));
  });

  it("shows a user from another email domain a clear page, not a 500", async () => {
    const { reached, status, text } = await signInPage("eve");
    expect(reached).toBeNull();
    expect(status).toBe(403);
    expect(text).toMatch(
      /Only verified addresses at acme\.test may sign in here \(you signed in as eve@evil\.test\)/,
    );
  });

  it("shows a user outside the allowed groups which groups would let them in", async () => {
    const { status, text } = await signInPage("omar");
    expect(status).toBe(403);
    expect(text).toMatch(/Only members of eng may sign in here/);
  });
});

describe("dynamic registration caps", () => {
  it("answers 429 once the cap of live clients is reached, and again 201 after they expire", async () => {
    let last = 0;
    for (let i = 0; i < 8; i += 1) last = (await registerClient(world)).status;
    expect(last).toBe(429);
    world.clock.advance(31 * 86_400_000);
    expect((await registerClient(world)).status).toBe(201);
  });
});

describe("a device sign-in by someone the allowlist leaves out", () => {
  it("shows the reason and ends the device code with access_denied", async () => {
    const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    const registered = await fetch(`${world.origin}/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token_endpoint_auth_method: "none", grant_types: [DEVICE_GRANT] }),
    });
    const { client_id } = (await registered.json()) as { client_id: string };
    const started = await fetch(`${world.origin}/oauth/device_authorization`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id }),
    });
    const device = (await started.json()) as { device_code: string; user_code: string };
    world.idp.signInAs("eve");
    const entered = await fetch(`${world.origin}/oauth/device`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ user_code: device.user_code, action: "approve" }),
    });
    const location = entered.headers.get("location") as string;
    const { last } = await new HeadlessBrowser().follow(new URL(location, world.origin).href, "never:");
    expect(last.status).toBe(403);
    expect(await last.text()).toContain("acme.test");
    const poll = await fetch(`${world.origin}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: DEVICE_GRANT, client_id, device_code: device.device_code }),
    });
    expect(((await poll.json()) as { error: string }).error).toBe("access_denied");
  });
});
