import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOAuthConfig } from "../../src/oauth/config/parse-oauth-config.js";
import { TokenCipher } from "../../src/oauth/crypto/token-cipher.js";
import {
  checkEncryptionKey,
  openUpstreamTokens,
  resealUpstreamTokens,
  type UpstreamSeal,
} from "../../src/oauth/crypto/upstream-seal.js";
import { createGithubProvider } from "../../src/oauth/upstream/github-provider.js";
import { jwtConfig } from "../harness.js";
import { type AsWorld, startAsWorld } from "./as-harness.js";
import { HeadlessBrowser } from "./browser.js";
import { callMcp, refresh } from "./client.js";
import { GithubFake, type GithubFakeUser } from "./github/github-fake.js";
import { openPicker, signInWith } from "./picker.js";

const person = (id: number, login: string, more: Partial<GithubFakeUser>): GithubFakeUser => ({
  id,
  login,
  name: login,
  publicEmail: null,
  emails: [{ email: `${login}@acme.test`, primary: true, verified: true }],
  orgs: {},
  teams: {},
  ...more,
});

const USERS = {
  gina: person(101, "gina", { name: "Gina", orgs: { acme: "active" } }),
  pete: person(102, "pete", { orgs: { acme: "pending" } }),
  tara: person(103, "tara", { teams: { "partner/platform": "active" } }),
  nico: person(104, "nico", {
    emails: [{ email: "nico@acme.test", primary: true, verified: false }],
    orgs: { acme: "active" },
  }),
};

const ENCRYPTION_KEY = randomBytes(32);
let world: AsWorld;
let github: GithubFake;

beforeAll(async () => {
  world = await startAsWorld({}, async (origin) => {
    github = await GithubFake.start(
      [
        {
          kind: "oauth-app",
          clientId: "Ov23liOAuthApp",
          clientSecret: "oauth-app-secret",
          callbackUrl: `${origin}/oauth/callback/github`,
        },
        {
          kind: "app",
          clientId: "Iv1.githubapp",
          clientSecret: "github-app-secret",
          callbackUrl: `${origin}/oauth/callback/github-app`,
        },
      ],
      USERS,
    );
    return {
      env: {
        COORDINATOR_GITHUB_CLIENT_ID: "Ov23liOAuthApp",
        COORDINATOR_GITHUB_CLIENT_SECRET: "oauth-app-secret",
        COORDINATOR_GITHUB_APP_CLIENT_ID: "Iv1.githubapp",
        COORDINATOR_GITHUB_APP_CLIENT_SECRET: "github-app-secret",
        COORDINATOR_GITHUB_ORG: "acme",
        COORDINATOR_GITHUB_TEAMS: "partner/platform",
        COORDINATOR_GITHUB_AUTH_BASE_URL: github.webUrl,
        COORDINATOR_GITHUB_API_BASE_URL: github.apiUrl,
        COORDINATOR_ENCRYPTION_KEY: ENCRYPTION_KEY.toString("base64"),
      },
      close: () => github.close(),
    };
  });
});
afterAll(() => world?.close());

describe("GitHub OAuth App and GitHub App sign-in (against the GitHub contract fake)", () => {
  it("lists every configured provider on the picker page", async () => {
    const picker = await openPicker(world, new HeadlessBrowser());
    expect(picker.status).toBe(200);
    expect([...picker.links.keys()].sort()).toEqual(["acme", "github", "github-app"]);
    expect(picker.html).toContain("Sign in with GitHub App");
  });

  it("signs an active org member in through the OAuth App, with PKCE and the verified email from /user/emails", async () => {
    github.signInAs("gina");
    const result = await signInWith(world, "github");
    expect(result.tokens?.access_token, result.text).toEqual(expect.any(String));
    const mcp = await callMcp(world, result.tokens?.access_token as string);
    expect(mcp.body).toMatchObject({ userId: "gina@acme.test", orgId: "acme" });
    expect(github.requests).toContain("GET /api/v3/user/emails");
  });

  it("signs a team member in through the GitHub App", async () => {
    github.signInAs("tara");
    const result = await signInWith(world, "github-app");
    const mcp = await callMcp(world, result.tokens?.access_token as string);
    expect(mcp.body).toMatchObject({ userId: "tara@acme.test" });
  });

  it("shows a pending org member a clear 403 page naming the org, not a 500", async () => {
    github.signInAs("pete");
    const result = await signInWith(world, "github");
    expect(result.callback).toBeNull();
    expect(result.status).toBe(403);
    expect(result.text).toContain("Only active members of acme, partner/platform on GitHub may sign in here");
    expect(result.text).toContain("you signed in as pete");
  });

  it("names an unverified email by GitHub id, never by the unverified address", async () => {
    github.signInAs("nico");
    const result = await signInWith(world, "github");
    const mcp = await callMcp(world, result.tokens?.access_token as string);
    expect(mcp.body).toMatchObject({ userId: "github:104" });
  });

  it("turns a person's refusal at GitHub into a page", async () => {
    github.denyNext();
    const result = await signInWith(world, "github");
    expect(result.status).toBe(401);
    expect(result.text).toContain("access_denied");
  });
});

describe("the GitHub connector against GitHub's HTTP-200 token errors", () => {
  const config = (kind: "oauth-app" | "app", secret: string) =>
    parseOAuthConfig(
      {
        [kind === "app" ? "COORDINATOR_GITHUB_APP_CLIENT_ID" : "COORDINATOR_GITHUB_CLIENT_ID"]:
          kind === "app" ? "Iv1.githubapp" : "Ov23liOAuthApp",
        [kind === "app" ? "COORDINATOR_GITHUB_APP_CLIENT_SECRET" : "COORDINATOR_GITHUB_CLIENT_SECRET"]:
          secret,
        COORDINATOR_GITHUB_ORG: "acme",
        COORDINATOR_GITHUB_AUTH_BASE_URL: github.webUrl,
        COORDINATOR_GITHUB_API_BASE_URL: github.apiUrl,
        COORDINATOR_ENCRYPTION_KEY: ENCRYPTION_KEY.toString("base64"),
      },
      { jwt: jwtConfig(), publicUrl: world.origin },
    ).github[0];

  /** Drives GitHub's web flow by hand and hands the callback to the connector. */
  async function complete(kind: "oauth-app" | "app", secret: string, login: string) {
    const provider = createGithubProvider({
      config: config(kind, secret) as never,
      allowInsecureRequests: true,
    });
    const secrets = {
      state: "s-1",
      nonce: "unused",
      codeVerifier: "v".repeat(50),
      redirectUri: `${world.origin}/oauth/callback/${kind === "app" ? "github-app" : "github"}`,
    };
    github.signInAs(login);
    const { url } = await new HeadlessBrowser().follow(
      (await provider.authorizationUrl(secrets)).href,
      secrets.redirectUri,
    );
    return { provider, secrets, callback: url as URL };
  }

  it("reports incorrect_client_credentials (sent by GitHub with HTTP 200) as GitHub's error", async () => {
    const { provider, secrets, callback } = await complete("oauth-app", "wrong-secret", "gina");
    await expect(provider.complete(callback, secrets)).rejects.toThrow(/incorrect_client_credentials/);
  });

  it("reports a replayed code as bad_verification_code", async () => {
    const { provider, secrets, callback } = await complete("oauth-app", "oauth-app-secret", "gina");
    await provider.complete(callback, secrets);
    await expect(provider.complete(callback, secrets)).rejects.toThrow(/bad_verification_code/);
  });

  it("refreshes a GitHub App user token: a new pair, the old refresh token refused with bad_refresh_token", async () => {
    const { provider, secrets, callback } = await complete("app", "github-app-secret", "gina");
    const user = await provider.complete(callback, secrets);
    const first = user.tokens;
    expect(first?.accessToken).toMatch(/^ghu_/);
    expect(first?.refreshToken).toMatch(/^ghr_/);
    expect(first?.accessExpiresAt).toBeGreaterThan(Date.now() + 7 * 3_600_000);
    const next = await provider.refreshUserToken(first?.refreshToken as string);
    expect(next.accessToken).not.toBe(first?.accessToken);
    expect(next.refreshToken).toMatch(/^ghr_/);
    await expect(provider.refreshUserToken(first?.refreshToken as string)).rejects.toThrow(
      /bad_refresh_token/,
    );
  });

  it("keeps no upstream tokens for an OAuth App (they neither expire nor refresh)", async () => {
    const { provider, secrets, callback } = await complete("oauth-app", "oauth-app-secret", "gina");
    expect((await provider.complete(callback, secrets)).tokens).toBeUndefined();
    await expect(provider.refreshUserToken("ghr_x")).rejects.toThrow(/OAuth App/);
  });
});

describe("GitHub App user tokens kept encrypted at rest", () => {
  async function sealedFamilies() {
    const rows = await world.store.transaction((tx) => tx.listOAuthRows("token_families", {}));
    return rows.flatMap((row) => {
      const upstream = (row.data as { upstream?: UpstreamSeal | null }).upstream;
      return upstream ? [{ id: row.id, data: row.data, upstream }] : [];
    });
  }

  it("seals the ghu_/ghr_ pair under the family's row id; opened, the refresh token still works at GitHub", async () => {
    github.signInAs("gina");
    const result = await signInWith(world, "github-app");
    expect(result.tokens?.access_token).toEqual(expect.any(String));
    const [row] = await sealedFamilies();
    expect(row).toBeDefined();
    expect(JSON.stringify(row?.data)).not.toMatch(/gh[ur]_/);
    const seal = row?.upstream as UpstreamSeal;
    expect(seal.providerId).toBe("github-app");
    const cipher = new TokenCipher(ENCRYPTION_KEY);
    expect(seal.sealed.kid).toBe(cipher.fingerprint);
    const tokens = openUpstreamTokens(cipher, seal, row?.id as string);
    expect(tokens.refreshToken).toMatch(/^ghr_/);
    // The box is bound to its row: under another family's id it does not open.
    expect(() => openUpstreamTokens(cipher, seal, "another-family")).toThrow(/failed authentication/);
    const provider = createGithubProvider({
      config: world.config.github[1] as never,
      allowInsecureRequests: true,
    });
    expect((await provider.refreshUserToken(tokens.refreshToken as string)).accessToken).toMatch(/^ghu_/);
  });

  it("refuses to boot with a wrong or missing key, naming the fingerprints", async () => {
    const right = new TokenCipher(ENCRYPTION_KEY);
    const wrong = new TokenCipher(randomBytes(32));
    await expect(checkEncryptionKey(world.store, right)).resolves.toBeGreaterThan(0);
    await expect(checkEncryptionKey(world.store, wrong)).rejects.toMatchObject({
      code: "AUTH_ENCRYPTION_KEY_MISMATCH",
      message: expect.stringContaining(
        `sealed with key ${right.fingerprint}, but COORDINATOR_ENCRYPTION_KEY is ${wrong.fingerprint}`,
      ),
    });
    await expect(checkEncryptionKey(world.store, null)).rejects.toThrow(
      /COORDINATOR_ENCRYPTION_KEY is not set/,
    );
  });

  it("at our refresh, refreshes the expired GitHub App token, re-checks the membership and re-seals the new pair", async () => {
    github.signInAs("gina");
    const signedIn = await signInWith(world, "github-app");
    const familyOf = async () =>
      (await sealedFamilies()).find(
        (f) => f.id !== undefined && (f.data as { clientId: string }).clientId === signedIn.clientId,
      );
    const before = await familyOf();
    const cipher = new TokenCipher(ENCRYPTION_KEY);
    const keptBefore = openUpstreamTokens(cipher, before?.upstream as UpstreamSeal, before?.id as string);
    // Nine hours on: GitHub's 8-hour user token has expired on both clocks.
    world.clock.advance(9 * 3_600_000);
    github.advance(9 * 3_600_000);
    const refreshed = await refresh(world, signedIn.clientId, signedIn.tokens?.refresh_token as string);
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    const after = await familyOf();
    const keptAfter = openUpstreamTokens(cipher, after?.upstream as UpstreamSeal, after?.id as string);
    expect(keptAfter.accessToken).toMatch(/^ghu_/);
    expect(keptAfter.accessToken).not.toBe(keptBefore.accessToken);
    expect(keptAfter.refreshToken).not.toBe(keptBefore.refreshToken);
  });

  it("ends the sign-in at the next refresh once GitHub says the person left the org", async () => {
    github.signInAs("gina");
    const signedIn = await signInWith(world, "github-app");
    const access = signedIn.tokens?.access_token as string;
    expect((await callMcp(world, access)).status).toBe(200);
    github.removeFromOrg("gina", "acme");
    const refused = await refresh(world, signedIn.clientId, signedIn.tokens?.refresh_token as string);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "invalid_grant" });
    expect(refused.body.error_description).toContain("Only active members of acme, partner/platform");
    expect((await callMcp(world, access)).status).toBe(401);
    expect(world.logs.some((l) => l.data?.code === "AUTH_UPSTREAM_REFUSED")).toBe(true);
  });

  describe("two refreshes of one sign-in at once", () => {
    const githubRefreshes = () =>
      github.requests.filter((r) => r === "POST /login/oauth/access_token").length;

    async function expiredSignIn() {
      // tara: gina left the org in the test above.
      github.signInAs("tara");
      const signedIn = await signInWith(world, "github-app");
      expect(signedIn.tokens?.refresh_token).toEqual(expect.any(String));
      // GitHub's 8-hour user token has expired: the next refresh of ours must refresh it at GitHub.
      world.clock.advance(9 * 3_600_000);
      github.advance(9 * 3_600_000);
      return { clientId: signedIn.clientId, refreshToken: signedIn.tokens?.refresh_token as string };
    }

    /** The refresh that won is still signed in: its access token works and its refresh token refreshes. */
    async function expectStillSignedIn(clientId: string, winner: Record<string, string>) {
      expect((await callMcp(world, winner.access_token as string)).status).toBe(200);
      const next = await refresh(world, clientId, winner.refresh_token as string);
      expect(next.status, JSON.stringify(next.body)).toBe(200);
    }

    it("in one instance, spends GitHub's refresh token once and keeps the sign-in alive", async () => {
      const { clientId, refreshToken } = await expiredSignIn();
      const before = githubRefreshes();
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => refresh(world, clientId, refreshToken)),
      );
      expect(githubRefreshes() - before).toBe(1);
      const won = answers.filter((a) => a.status === 200);
      expect(won).toHaveLength(1);
      for (const lost of answers.filter((a) => a.status !== 200)) {
        // The rotation's grace answer: a retry of a just-rotated token, not the end of the sign-in.
        expect(lost.body).toMatchObject({ error: "invalid_grant" });
        expect(lost.body.error_description).toContain("already rotated");
      }
      await expectStillSignedIn(clientId, won[0]?.body as Record<string, string>);
    });

    it("across two instances sharing the store, the loser reuses the winner's GitHub answer", async () => {
      const { clientId, refreshToken } = await expiredSignIn();
      const other = world.anotherInstance();
      const viaOther = async () => {
        const answer = await other({
          method: "POST",
          url: new URL(`${world.origin}/oauth/token`),
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            grant_type: "refresh_token",
            client_id: clientId,
            refresh_token: refreshToken,
          }).toString(),
          clientKey: "127.0.0.2",
        });
        const body = JSON.parse(String(answer?.body ?? "{}")) as Record<string, string>;
        return { status: answer?.status ?? 0, body };
      };
      const refusals = () => world.logs.filter((l) => l.data?.code === "AUTH_UPSTREAM_REFUSED").length;
      const refusedBefore = refusals();
      const before = githubRefreshes();
      const answers = await Promise.all([
        refresh(world, clientId, refreshToken),
        viaOther(),
        refresh(world, clientId, refreshToken),
        viaOther(),
      ]);
      expect(githubRefreshes() - before).toBe(1);
      expect(refusals()).toBe(refusedBefore);
      const won = answers.filter((a) => a.status === 200);
      expect(won, JSON.stringify(answers.map((a) => a.body))).toHaveLength(1);
      await expectStillSignedIn(clientId, won[0]?.body as Record<string, string>);
    });
  });

  it("rotates: every seal moves to the new key, which then boots alone", async () => {
    const next = randomBytes(32);
    const count = (await sealedFamilies()).length;
    await expect(resealUpstreamTokens(world.store, new TokenCipher(next, ENCRYPTION_KEY))).resolves.toBe(
      count,
    );
    await expect(checkEncryptionKey(world.store, new TokenCipher(next))).resolves.toBe(count);
    await expect(checkEncryptionKey(world.store, new TokenCipher(ENCRYPTION_KEY))).rejects.toThrow(
      /sealed with key/,
    );
    const [row] = await sealedFamilies();
    const tokens = openUpstreamTokens(
      new TokenCipher(next),
      row?.upstream as UpstreamSeal,
      row?.id as string,
    );
    expect(tokens.accessToken).toMatch(/^ghu_/);
  });
});
