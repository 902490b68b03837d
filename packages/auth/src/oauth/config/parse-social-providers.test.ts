import { describe, expect, it } from "vitest";
import { jwtConfig } from "../../../test/harness.js";
import { parseOAuthConfig } from "./parse-oauth-config.js";

const parse = (env: Record<string, string>) =>
  parseOAuthConfig(env, { jwt: jwtConfig(), publicUrl: "https://coord.acme.test" });

const KEY = Buffer.alloc(32, 7).toString("base64");
const github = { COORDINATOR_GITHUB_CLIENT_ID: "Ov23li", COORDINATOR_GITHUB_CLIENT_SECRET: "secret" };

describe("GitHub and Google settings", () => {
  it("builds the OAuth App and the GitHub App with github.com defaults and the shared allowlist", () => {
    const config = parse({
      ...github,
      COORDINATOR_GITHUB_APP_CLIENT_ID: "Iv1.x",
      COORDINATOR_GITHUB_APP_CLIENT_SECRET: "secret2",
      COORDINATOR_GITHUB_ORG: "acme",
      COORDINATOR_GITHUB_TEAMS: "acme/platform",
      COORDINATOR_ENCRYPTION_KEY: KEY,
    });
    expect(config.github).toEqual([
      expect.objectContaining({
        id: "github",
        kind: "oauth-app",
        webUrl: "https://github.com",
        apiUrl: "https://api.github.com",
        allowedOrgs: ["acme"],
        allowedTeams: ["acme/platform"],
      }),
      expect.objectContaining({ id: "github-app", kind: "app", name: "GitHub App", clientId: "Iv1.x" }),
    ]);
    expect(config.google).toBeNull();
  });

  it("refuses half a client configuration, naming the missing variable", () => {
    expect(() => parse({ COORDINATOR_GITHUB_CLIENT_ID: "x", COORDINATOR_GITHUB_ORG: "acme" })).toThrow(
      /COORDINATOR_GITHUB_CLIENT_SECRET is not set/,
    );
    expect(() =>
      parse({ COORDINATOR_GOOGLE_CLIENT_SECRET: "x", COORDINATOR_OAUTH_ALLOWED_DOMAINS: "acme.test" }),
    ).toThrow(/COORDINATOR_GOOGLE_CLIENT_ID is not set/);
  });

  it("needs a 32-byte COORDINATOR_ENCRYPTION_KEY for a GitHub App (its tokens are kept), and a distinct previous key", () => {
    const app = {
      COORDINATOR_GITHUB_APP_CLIENT_ID: "Iv1.x",
      COORDINATOR_GITHUB_APP_CLIENT_SECRET: "s",
      COORDINATOR_GITHUB_ORG: "acme",
    };
    expect(() => parse(app)).toThrow(
      /COORDINATOR_ENCRYPTION_KEY is not set: the GitHub App's user tokens are kept encrypted/,
    );
    expect(() => parse({ ...app, COORDINATOR_ENCRYPTION_KEY: "c2hvcnQ=" })).toThrow(
      /must be 32 random bytes in base64/,
    );
    expect(() =>
      parse({ ...app, COORDINATOR_ENCRYPTION_KEY: KEY, COORDINATOR_ENCRYPTION_PREV_KEY: KEY }),
    ).toThrow(/PREV_KEY equals/);
    expect(parse({ ...app, COORDINATOR_ENCRYPTION_KEY: KEY }).encryption?.key.length).toBe(32);
  });

  it("refuses GitHub or Google open to every account", () => {
    expect(() => parse(github)).toThrow(
      /COORDINATOR_GITHUB_ORG is not set: any GitHub account could sign in/,
    );
    expect(() => parse({ COORDINATOR_GOOGLE_CLIENT_ID: "g", COORDINATOR_GOOGLE_CLIENT_SECRET: "s" })).toThrow(
      /any Google account could sign in/,
    );
  });

  it("refuses malformed orgs, teams and base URLs", () => {
    expect(() => parse({ ...github, COORDINATOR_GITHUB_TEAMS: "platform" })).toThrow(/write org\/team-slug/);
    expect(() => parse({ ...github, COORDINATOR_GITHUB_ORG: "acme corp" })).toThrow(/not a GitHub org login/);
    expect(() =>
      parse({
        ...github,
        COORDINATOR_GITHUB_ORG: "acme",
        COORDINATOR_GITHUB_API_BASE_URL: "http://ghe.acme.test/api/v3",
      }),
    ).toThrow(/COORDINATOR_GITHUB_API_BASE_URL=.* must be an https:\/\/ URL/);
  });

  it("refuses a generic OIDC provider named like a built-in one", () => {
    expect(() =>
      parse({
        ...github,
        COORDINATOR_GITHUB_ORG: "acme",
        COORDINATOR_OIDC_PROVIDERS: "github",
        COORDINATOR_OIDC_GITHUB_ISSUER: "https://idp.test",
        COORDINATOR_OIDC_GITHUB_CLIENT_ID: "c",
      }),
    ).toThrow(/built-in github provider/);
  });

  it("builds Google with the email-domain allowlist", () => {
    const config = parse({
      COORDINATOR_GOOGLE_CLIENT_ID: "g",
      COORDINATOR_GOOGLE_CLIENT_SECRET: "s",
      COORDINATOR_OAUTH_ALLOWED_DOMAINS: "Acme.com",
    });
    expect(config.google).toEqual({ id: "google", name: "Google", clientId: "g", clientSecret: "s" });
    expect(config.allowlist.emailDomains).toEqual(["acme.com"]);
  });
});
