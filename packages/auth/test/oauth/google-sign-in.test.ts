import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOGLE_ISSUER } from "../../src/oauth/upstream/google-provider.js";
import { type AsWorld, startAsWorld } from "./as-harness.js";
import { HeadlessBrowser } from "./browser.js";
import { callMcp } from "./client.js";
import { type OidcIdp, startOidcIdp } from "./oidc-idp.js";
import { signInWith } from "./picker.js";

// Google, played by a real oidc-provider whose issuer is https://accounts.google.com (reached through an
// injected fetch, as a TLS proxy would): discovery with the issuer pinned, the code flow, and the id token
// verified against the JWKS it publishes. The allowlist is the verified email's domain.
let world: AsWorld;
let google: OidcIdp;
/** When set, the token endpoint's id token is re-signed with a key Google never published. */
let forgeIdToken = false;

async function forged(idToken: string): Promise<string> {
  const { privateKey } = await generateKeyPair("ES256");
  const { kid } = decodeProtectedHeader(idToken);
  return new SignJWT(decodeJwt(idToken))
    .setProtectedHeader({ alg: "ES256", kid: kid as string })
    .sign(privateKey);
}

beforeAll(async () => {
  world = await startAsWorld({ COORDINATOR_OAUTH_ALLOWED_DOMAINS: "acme.test" }, async (origin) => {
    google = await startOidcIdp({
      issuer: GOOGLE_ISSUER,
      redirectUris: [`${origin}/oauth/callback/google`],
      users: {
        gwen: { email: "gwen@acme.test", email_verified: true, name: "Gwen", groups: [] },
        eve: { email: "eve@gmail.test", email_verified: true, name: "Eve", groups: [] },
      },
    });
    const tampering: typeof fetch = async (input, init) => {
      const response = await google.fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (!forgeIdToken || !url.startsWith(`${GOOGLE_ISSUER}/token`)) return response;
      const body = (await response.json()) as { id_token: string };
      return Response.json({ ...body, id_token: await forged(body.id_token) }, { status: response.status });
    };
    return {
      env: {
        COORDINATOR_GOOGLE_CLIENT_ID: google.clientId,
        COORDINATOR_GOOGLE_CLIENT_SECRET: google.clientSecret,
      },
      fetch: tampering,
      close: () => google.close(),
    };
  });
});
afterAll(() => world?.close());

describe("Google sign-in (oidc-provider as the Google stand-in)", () => {
  it("signs in a verified address of the allowed domain, beside the other provider on the picker", async () => {
    google.signInAs("gwen");
    const result = await signInWith(world, "google", new HeadlessBrowser(google.fetch));
    expect(result.tokens?.access_token, result.text).toEqual(expect.any(String));
    const mcp = await callMcp(world, result.tokens?.access_token as string);
    expect(mcp.body).toMatchObject({ userId: "gwen@acme.test", orgId: "acme" });
  });

  it("shows an address outside the allowed domain a 403 page", async () => {
    google.signInAs("eve");
    const result = await signInWith(world, "google", new HeadlessBrowser(google.fetch));
    expect(result.callback).toBeNull();
    expect(result.status).toBe(403);
    expect(result.text).toContain("Only verified addresses at acme.test may sign in here");
  });

  it("refuses an id token whose signature does not verify against Google's JWKS", async () => {
    google.signInAs("gwen");
    forgeIdToken = true;
    try {
      const result = await signInWith(world, "google", new HeadlessBrowser(google.fetch));
      expect(result.callback).toBeNull();
      expect(result.status).toBe(401);
      expect(result.text).toMatch(/Google did not confirm the sign-in \(signature verification failed\)/);
    } finally {
      forgeIdToken = false;
    }
  });
});
