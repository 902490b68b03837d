import type { OrgRole } from "@mcp-coordinator/core";
import type { JwtAuthConfig } from "../../config/auth-config.js";
import type { EncryptionKeys } from "./parse-encryption-key.js";

/** One upstream OpenID Connect provider people sign in with (RFC 8414 / OIDC Discovery 1.0). */
export interface OidcProviderConfig {
  /** Short id, used in URLs (`/oauth/callback/<id>`) and on the picker page. */
  readonly id: string;
  /** What the picker page shows. */
  readonly name: string;
  readonly issuer: string;
  readonly clientId: string;
  /** null: a public client (PKCE only). */
  readonly clientSecret: string | null;
  /** The id_token / userinfo claim holding the user's groups (default `groups`). */
  readonly groupsClaim: string;
  readonly scopes: readonly string[];
}

/**
 * A GitHub OAuth App (`kind: "oauth-app"`, id `github`) or GitHub App (`kind: "app"`, id `github-app`,
 * expiring user-to-server tokens with a refresh token). GitHub publishes no discovery document, so the
 * endpoints come from the base URLs (GitHub Enterprise Server: `https://HOST` and `https://HOST/api/v3`).
 */
export interface GithubProviderConfig {
  readonly id: string;
  readonly kind: "oauth-app" | "app";
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Web base (`/login/oauth/authorize`, `/login/oauth/access_token`), default https://github.com. */
  readonly webUrl: string;
  /** REST API base, default https://api.github.com. */
  readonly apiUrl: string;
  /** Org logins whose active members may sign in (`COORDINATOR_GITHUB_ORG`). */
  readonly allowedOrgs: readonly string[];
  /** `org/team-slug` pairs whose active members may sign in (`COORDINATOR_GITHUB_TEAMS`). */
  readonly allowedTeams: readonly string[];
}

/** Google: OpenID Connect at https://accounts.google.com, id tokens verified against Google's JWKS. */
export interface GoogleProviderConfig {
  readonly id: "google";
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Who may sign in at all; empty lists allow everyone the provider vouches for. */
export interface Allowlist {
  /** Lower-cased email domains (`acme.test`); the email must be verified. */
  readonly emailDomains: readonly string[];
  readonly groups: readonly string[];
}

/**
 * Client ID metadata documents [draft-ietf-oauth-client-id-metadata-document-02]: URL client_ids whose
 * metadata the server fetches instead of a registration.
 */
export interface ClientMetadataConfig {
  /** `COORDINATOR_OAUTH_CIMD` (default on); off: URL client_ids are refused and not advertised. */
  readonly enabled: boolean;
  /** `COORDINATOR_OAUTH_CIMD_HOSTS`: lower-cased hosts whose documents are accepted; empty: any public host. */
  readonly allowedHosts: readonly string[];
  /** Lifetime of a document whose response carries no cache headers. */
  readonly defaultCacheMs: number;
  /** `COORDINATOR_OAUTH_CIMD_MAX_CACHE` (default 1d): the longest a document is reused, whatever its headers say. */
  readonly maxCacheMs: number;
  /** How many documents are kept at once (least recently used dropped first). */
  readonly cacheEntries: number;
}

export interface OAuthConfig {
  readonly mode: "oauth";
  /** Signing keys and service tokens: jwt mode's settings, which keep working in oauth mode. */
  readonly jwt: JwtAuthConfig;
  /** The authorization server's issuer identifier [RFC 8414 §2]: the public origin, no trailing slash. */
  readonly issuer: string;
  /** The protected resource [RFC 9728 §2]: the MCP URL users type, the audience of our access tokens. */
  readonly resource: string;
  /** Where new users land and with which role. */
  readonly orgId: string;
  readonly defaultRole: OrgRole;
  readonly accessTokenTtlMs: number;
  readonly refreshTokenTtlMs: number;
  /** A rotated refresh token presented again within this window is refused but its family lives (clients retry). */
  readonly reuseGraceMs: number;
  readonly authorizationCodeTtlMs: number;
  /** Dynamic client registration [RFC 7591]: clients it creates expire, and at most this many live at once. */
  readonly registeredClientTtlMs: number;
  readonly maxRegisteredClients: number;
  readonly clientMetadata: ClientMetadataConfig;
  /** Failed sign-ins per key within `lockoutWindowMs` before the key is locked out for that window. */
  readonly lockoutThreshold: number;
  readonly lockoutWindowMs: number;
  /** A dashboard cookie session ends this long after sign-in, whatever happens. */
  readonly dashboardSessionTtlMs: number;
  /** …and after this long without a request from the dashboard. */
  readonly dashboardSessionIdleMs: number;
  readonly providers: readonly OidcProviderConfig[];
  readonly github: readonly GithubProviderConfig[];
  readonly google: GoogleProviderConfig | null;
  /** Seals upstream tokens kept at rest (GitHub App); null when none are kept. */
  readonly encryption: EncryptionKeys | null;
  readonly allowlist: Allowlist;
  /** Test seam: lets oauth4webapi reach an http:// issuer. Never set from the environment. */
  readonly allowInsecureUpstream: boolean;
}

/** The scope an access token to the MCP endpoint carries. */
export const MCP_SCOPE = "mcp:tools";
export const SUPPORTED_SCOPES = [MCP_SCOPE, "offline_access"] as const;
