import { ORG_ROLES, type OrgRole } from "@mcp-coordinator/core";
import type { JwtAuthConfig } from "../../config/auth-config.js";
import { parseDuration } from "../../config/duration.js";
import { AuthError } from "../../errors.js";
import { type Env, list, optional } from "./env-values.js";
import type { OAuthConfig, OidcProviderConfig } from "./oauth-config.js";
import { parseEncryptionKeys } from "./parse-encryption-key.js";
import { parseGithubProviders, parseGoogleProvider } from "./parse-social-providers.js";

export interface ParseOAuthConfigOptions {
  /** jwt mode's parsed settings: the signing keys. */
  readonly jwt: JwtAuthConfig;
  /** The coordinator's public base URL (`--public-url`), e.g. `https://coord.acme.test`. */
  readonly publicUrl: string;
  /** Test seam: allow http:// upstream issuers. */
  readonly allowInsecureUpstream?: boolean;
}

const ID = /^[a-z][a-z0-9-]{0,31}$/;

function duration(env: Env, name: string, fallback: string, minMs: number, maxMs: number): number {
  return parseDuration(optional(env, name) ?? fallback, name, minMs, maxMs);
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      `${name}=${JSON.stringify(raw)} must be a whole number from ${min} to ${max}.`,
      name,
    );
  }
  return value;
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  const value = raw.toLowerCase();
  if (["on", "true", "1", "yes"].includes(value)) return true;
  if (["off", "false", "0", "no"].includes(value)) return false;
  throw new AuthError("AUTH_CONFIG_INVALID", `${name}=${JSON.stringify(raw)} must be on or off.`, name);
}

const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

function hosts(env: Env, name: string): string[] {
  const values = list(env, name).map((h) => h.toLowerCase());
  const bad = values.find((h) => !HOST.test(h));
  if (bad !== undefined) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      `${name} names ${JSON.stringify(bad)}; list bare host names separated by commas (e.g. claude.ai,app.example.com).`,
      name,
    );
  }
  return values;
}

function httpsUrl(value: string, name: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthError("AUTH_CONFIG_INVALID", `${name}=${JSON.stringify(value)} is not a URL.`, name);
  }
  const loopback = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && (allowHttp || loopback))) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      `${name}=${JSON.stringify(value)} must be an https:// URL (http:// only on a loopback host).`,
      name,
    );
  }
  return value.replace(/\/+$/, "");
}

function provider(env: Env, id: string, allowHttp: boolean): OidcProviderConfig {
  if (!ID.test(id)) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      `COORDINATOR_OIDC_PROVIDERS names ${JSON.stringify(id)}; ids are lower-case letters, digits and dashes (e.g. okta).`,
      "COORDINATOR_OIDC_PROVIDERS",
    );
  }
  const prefix = `COORDINATOR_OIDC_${id.toUpperCase().replace(/-/g, "_")}_`;
  const required = (suffix: string): string => {
    const value = optional(env, prefix + suffix);
    if (value === null) {
      throw new AuthError(
        "AUTH_CONFIG_INVALID",
        `${prefix}${suffix} is not set; provider ${id} needs ${prefix}ISSUER and ${prefix}CLIENT_ID (and ${prefix}CLIENT_SECRET for a confidential client).`,
        prefix + suffix,
      );
    }
    return value;
  };
  const scopes = list(env, `${prefix}SCOPES`);
  return {
    id,
    name: optional(env, `${prefix}NAME`) ?? id,
    issuer: httpsUrl(required("ISSUER"), `${prefix}ISSUER`, allowHttp),
    clientId: required("CLIENT_ID"),
    clientSecret: optional(env, `${prefix}CLIENT_SECRET`),
    groupsClaim: optional(env, `${prefix}GROUPS_CLAIM`) ?? "groups",
    scopes: scopes.length > 0 ? scopes : ["openid", "email", "profile"],
  };
}

/**
 * oauth mode's settings, read from the environment on top of jwt mode's keys. Pure; a bad value is an
 * AuthError naming the variable and how to fix it.
 *
 * - `COORDINATOR_OIDC_PROVIDERS`: comma-separated provider ids; for each, `COORDINATOR_OIDC_<ID>_ISSUER`,
 *   `_CLIENT_ID`, `_CLIENT_SECRET`, `_NAME`, `_GROUPS_CLAIM` (default `groups`), `_SCOPES`.
 * - GitHub and Google: see parse-social-providers.ts.
 * - `COORDINATOR_OAUTH_ALLOWED_DOMAINS`, `COORDINATOR_OAUTH_ALLOWED_GROUPS`: allowlists (comma-separated).
 * - `COORDINATOR_OAUTH_ORG` (default `default`), `COORDINATOR_OAUTH_DEFAULT_ROLE` (default `agent`).
 * - `COORDINATOR_OAUTH_ACCESS_TTL` (1h), `COORDINATOR_OAUTH_REFRESH_TTL` (30d),
 *   `COORDINATOR_OAUTH_REUSE_GRACE` (60s), `COORDINATOR_OAUTH_CLIENT_TTL` (30d),
 *   `COORDINATOR_OAUTH_MAX_CLIENTS` (1000), `COORDINATOR_OAUTH_LOCKOUT_THRESHOLD` (5),
 *   `COORDINATOR_OAUTH_LOCKOUT_WINDOW` (15m).
 * - `COORDINATOR_OAUTH_CIMD` (on), `COORDINATOR_OAUTH_CIMD_HOSTS` (any public host),
 *   `COORDINATOR_OAUTH_CIMD_MAX_CACHE` (1d): client ID metadata documents.
 * - `COORDINATOR_DASHBOARD_SESSION_TTL` (12h), `COORDINATOR_DASHBOARD_SESSION_IDLE` (1h, at most the TTL):
 *   the dashboard's cookie session, absolute and idle lifetimes.
 */
export function parseOAuthConfig(env: Env, options: ParseOAuthConfigOptions): OAuthConfig {
  const allowHttp = options.allowInsecureUpstream === true;
  const issuer = httpsUrl(options.publicUrl, "COORDINATOR_PUBLIC_URL", false);
  const ids = list(env, "COORDINATOR_OIDC_PROVIDERS");
  if (new Set(ids).size !== ids.length) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      "COORDINATOR_OIDC_PROVIDERS names a provider twice.",
      "COORDINATOR_OIDC_PROVIDERS",
    );
  }
  const role = optional(env, "COORDINATOR_OAUTH_DEFAULT_ROLE") ?? "agent";
  if (!ORG_ROLES.includes(role as OrgRole)) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      `COORDINATOR_OAUTH_DEFAULT_ROLE=${JSON.stringify(role)} must be one of ${ORG_ROLES.join(", ")}.`,
      "COORDINATOR_OAUTH_DEFAULT_ROLE",
    );
  }
  const emailDomains = list(env, "COORDINATOR_OAUTH_ALLOWED_DOMAINS").map((d) => d.toLowerCase());
  const github = parseGithubProviders(env, emailDomains);
  const google = parseGoogleProvider(env, emailDomains);
  const oidc = ids.map((id) => provider(env, id, allowHttp));
  const taken = new Set([...github.map((g) => g.id), ...(google ? [google.id] : [])]);
  const clash = oidc.find((p) => taken.has(p.id));
  if (clash !== undefined) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      `COORDINATOR_OIDC_PROVIDERS names ${clash.id}, which the built-in ${clash.id} provider already uses; pick another id.`,
      "COORDINATOR_OIDC_PROVIDERS",
    );
  }
  const dashboardSessionTtlMs = duration(
    env,
    "COORDINATOR_DASHBOARD_SESSION_TTL",
    "12h",
    300_000,
    30 * 86_400_000,
  );
  const dashboardSessionIdleMs = duration(
    env,
    "COORDINATOR_DASHBOARD_SESSION_IDLE",
    "1h",
    60_000,
    30 * 86_400_000,
  );
  if (dashboardSessionIdleMs > dashboardSessionTtlMs) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      "COORDINATOR_DASHBOARD_SESSION_IDLE is longer than COORDINATOR_DASHBOARD_SESSION_TTL; the idle timeout must be the shorter one.",
      "COORDINATOR_DASHBOARD_SESSION_IDLE",
    );
  }
  return {
    mode: "oauth",
    jwt: options.jwt,
    issuer,
    resource: `${issuer}/mcp`,
    orgId: optional(env, "COORDINATOR_OAUTH_ORG") ?? "default",
    defaultRole: role as OrgRole,
    accessTokenTtlMs: duration(env, "COORDINATOR_OAUTH_ACCESS_TTL", "1h", 60_000, 86_400_000),
    refreshTokenTtlMs: duration(env, "COORDINATOR_OAUTH_REFRESH_TTL", "30d", 3_600_000, 365 * 86_400_000),
    reuseGraceMs: duration(env, "COORDINATOR_OAUTH_REUSE_GRACE", "60s", 1_000, 600_000),
    authorizationCodeTtlMs: 60_000,
    registeredClientTtlMs: duration(env, "COORDINATOR_OAUTH_CLIENT_TTL", "30d", 3_600_000, 365 * 86_400_000),
    maxRegisteredClients: integer(env, "COORDINATOR_OAUTH_MAX_CLIENTS", 1_000, 1, 1_000_000),
    clientMetadata: {
      enabled: onOff(env, "COORDINATOR_OAUTH_CIMD", true),
      allowedHosts: hosts(env, "COORDINATOR_OAUTH_CIMD_HOSTS"),
      defaultCacheMs: 5 * 60_000,
      maxCacheMs: duration(env, "COORDINATOR_OAUTH_CIMD_MAX_CACHE", "1d", 0, 7 * 86_400_000),
      cacheEntries: 1_000,
    },
    lockoutThreshold: integer(env, "COORDINATOR_OAUTH_LOCKOUT_THRESHOLD", 5, 1, 1_000),
    lockoutWindowMs: duration(env, "COORDINATOR_OAUTH_LOCKOUT_WINDOW", "15m", 1_000, 86_400_000),
    dashboardSessionTtlMs,
    dashboardSessionIdleMs,
    providers: oidc,
    github,
    google,
    encryption: parseEncryptionKeys(
      env,
      github.some((g) => g.kind === "app"),
    ),
    allowlist: {
      emailDomains,
      groups: list(env, "COORDINATOR_OAUTH_ALLOWED_GROUPS"),
    },
    allowInsecureUpstream: allowHttp,
  };
}
