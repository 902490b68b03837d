import { describe, expect, it } from "vitest";
import { jwtConfig } from "../../../test/harness.js";
import { parseOAuthConfig } from "./parse-oauth-config.js";

const base = {
  COORDINATOR_OIDC_PROVIDERS: "okta",
  COORDINATOR_OIDC_OKTA_ISSUER: "https://acme.okta.test/",
  COORDINATOR_OIDC_OKTA_CLIENT_ID: "client-1",
};
const parse = (env: Record<string, string>, publicUrl = "https://coord.acme.test") =>
  parseOAuthConfig(env, { jwt: jwtConfig(), publicUrl });

describe("parseOAuthConfig", () => {
  it("derives issuer and resource from the public URL and applies the defaults", () => {
    const config = parse(base, "https://coord.acme.test/");
    expect(config).toMatchObject({
      issuer: "https://coord.acme.test",
      resource: "https://coord.acme.test/mcp",
      orgId: "default",
      defaultRole: "agent",
      accessTokenTtlMs: 3_600_000,
      reuseGraceMs: 60_000,
      maxRegisteredClients: 1_000,
      dashboardSessionTtlMs: 12 * 3_600_000,
      dashboardSessionIdleMs: 3_600_000,
      allowInsecureUpstream: false,
    });
    expect(config.providers).toEqual([
      {
        id: "okta",
        name: "okta",
        issuer: "https://acme.okta.test",
        clientId: "client-1",
        clientSecret: null,
        groupsClaim: "groups",
        scopes: ["openid", "email", "profile"],
      },
    ]);
  });

  it("accepts client ID metadata documents from any public host by default, and reads the policy knobs", () => {
    expect(parse(base).clientMetadata).toMatchObject({
      enabled: true,
      allowedHosts: [],
      maxCacheMs: 86_400_000,
    });
    expect(
      parse({
        ...base,
        COORDINATOR_OAUTH_CIMD: "off",
        COORDINATOR_OAUTH_CIMD_HOSTS: "Claude.ai, app.acme.test",
        COORDINATOR_OAUTH_CIMD_MAX_CACHE: "1h",
      }).clientMetadata,
    ).toMatchObject({ enabled: false, allowedHosts: ["claude.ai", "app.acme.test"], maxCacheMs: 3_600_000 });
  });

  it("refuses a CIMD switch that is not on/off and a host list holding URLs", () => {
    expect(() => parse({ ...base, COORDINATOR_OAUTH_CIMD: "maybe" })).toThrow(
      /COORDINATOR_OAUTH_CIMD="maybe" must be on or off/,
    );
    expect(() => parse({ ...base, COORDINATOR_OAUTH_CIMD_HOSTS: "https://claude.ai/x" })).toThrow(
      /COORDINATOR_OAUTH_CIMD_HOSTS names "https:\/\/claude.ai\/x"; list bare host names/,
    );
  });

  it("names the variable and the fix for each bad value", () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ ...base, COORDINATOR_OIDC_OKTA_CLIENT_ID: "" }, /COORDINATOR_OIDC_OKTA_CLIENT_ID is not set/],
      [{ ...base, COORDINATOR_OIDC_OKTA_ISSUER: "http://idp.acme.test" }, /must be an https:\/\/ URL/],
      [{ ...base, COORDINATOR_OIDC_PROVIDERS: "Okta!" }, /lower-case letters, digits and dashes/],
      [{ ...base, COORDINATOR_OIDC_PROVIDERS: "okta,okta" }, /names a provider twice/],
      [{ ...base, COORDINATOR_OAUTH_DEFAULT_ROLE: "owner" }, /must be one of admin, operator, agent/],
      [{ ...base, COORDINATOR_OAUTH_MAX_CLIENTS: "lots" }, /must be a whole number from 1/],
      [
        { ...base, COORDINATOR_OAUTH_ACCESS_TTL: "5s" },
        /COORDINATOR_OAUTH_ACCESS_TTL="5s" is not a lifetime between 1m and 1d/,
      ],
      [
        { ...base, COORDINATOR_DASHBOARD_SESSION_TTL: "1m" },
        /COORDINATOR_DASHBOARD_SESSION_TTL="1m" is not a lifetime between 5m and 30d/,
      ],
      [
        { ...base, COORDINATOR_DASHBOARD_SESSION_TTL: "2h", COORDINATOR_DASHBOARD_SESSION_IDLE: "3h" },
        /COORDINATOR_DASHBOARD_SESSION_IDLE is longer than COORDINATOR_DASHBOARD_SESSION_TTL/,
      ],
    ];
    for (const [env, message] of cases) expect(() => parse(env), String(message)).toThrow(message);
  });

  it("refuses a plain-http public URL off loopback, and accepts one on loopback", () => {
    expect(() => parse(base, "http://coord.acme.test")).toThrow(/COORDINATOR_PUBLIC_URL/);
    expect(parse(base, "http://127.0.0.1:3100").resource).toBe("http://127.0.0.1:3100/mcp");
  });

  it("lower-cases allowed domains and splits lists on commas", () => {
    const config = parse({
      ...base,
      COORDINATOR_OAUTH_ALLOWED_DOMAINS: "Acme.TEST, corp.test",
      COORDINATOR_OAUTH_ALLOWED_GROUPS: "eng,ops",
    });
    expect(config.allowlist).toEqual({ emailDomains: ["acme.test", "corp.test"], groups: ["eng", "ops"] });
  });
});
