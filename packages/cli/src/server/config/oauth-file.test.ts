import { describe, expect, it } from "vitest";
import { oauthFileSchema, withOAuthFileSettings } from "./oauth-file.js";

const settings = oauthFileSchema.parse({
  providers: [
    {
      type: "oidc",
      id: "okta",
      issuer: "https://acme.okta.com",
      client_id: "0oa1",
      client_secret_env: "OKTA_SECRET",
    },
    {
      type: "github-app",
      name: "Acme GitHub",
      client_id: "Iv1.x",
      client_secret_env: "GH_SECRET",
      web_url: "https://ghe.acme.com",
    },
  ],
  org: "acme",
  allowed_domains: ["acme.com", "acme.dev"],
  github_teams: ["acme/platform"],
});

describe("withOAuthFileSettings", () => {
  it("turns server.oauth into the variables oauth mode reads, the secrets taken from the named variables", () => {
    const env = withOAuthFileSettings(settings, { OKTA_SECRET: "s1", GH_SECRET: "s2" });
    expect(env).toMatchObject({
      COORDINATOR_OIDC_PROVIDERS: "okta",
      COORDINATOR_OIDC_OKTA_ISSUER: "https://acme.okta.com",
      COORDINATOR_OIDC_OKTA_CLIENT_ID: "0oa1",
      COORDINATOR_OIDC_OKTA_CLIENT_SECRET: "s1",
      COORDINATOR_GITHUB_APP_CLIENT_ID: "Iv1.x",
      COORDINATOR_GITHUB_APP_CLIENT_SECRET: "s2",
      COORDINATOR_GITHUB_APP_NAME: "Acme GitHub",
      COORDINATOR_GITHUB_AUTH_BASE_URL: "https://ghe.acme.com",
      COORDINATOR_OAUTH_ORG: "acme",
      COORDINATOR_OAUTH_ALLOWED_DOMAINS: "acme.com,acme.dev",
      COORDINATOR_GITHUB_TEAMS: "acme/platform",
    });
  });

  it("lets a variable set in the environment win over the file, as for every setting", () => {
    const env = withOAuthFileSettings(settings, {
      OKTA_SECRET: "s1",
      GH_SECRET: "s2",
      COORDINATOR_OAUTH_ORG: "from-env",
    });
    expect(env.COORDINATOR_OAUTH_ORG).toBe("from-env");
  });

  it("names the secret variable that is not set", () => {
    expect(() => withOAuthFileSettings(settings, { OKTA_SECRET: "s1" })).toThrow(
      "server.oauth.providers[1].client_secret_env in config.json names GH_SECRET, which is not set: export GH_SECRET=<the client secret from the identity provider> where the server runs.",
    );
  });

  it("leaves the environment as it is without a server.oauth section", () => {
    const env = { A: "1" };
    expect(withOAuthFileSettings(null, env)).toBe(env);
  });
});
