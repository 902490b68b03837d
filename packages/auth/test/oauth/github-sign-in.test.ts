import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOAuthConfig } from "../../src/oauth/config/parse-oauth-config.js";
import { createGithubProvider } from "../../src/oauth/upstream/github-provider.js";
import { jwtConfig } from "../harness.js";
import { type AsWorld, startAsWorld } from "./as-harness.js";
import { HeadlessBrowser } from "./browser.js";
import { callMcp } from "./client.js";
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
