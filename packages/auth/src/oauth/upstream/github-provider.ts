import * as oauth from "oauth4webapi";
import type { GithubProviderConfig } from "../config/oauth-config.js";
import { upstreamErrorReason } from "./error-reason.js";
import { githubTokenFetch } from "./github-token-fetch.js";
import { redeemAuthorizationCode } from "./redeem-code.js";
import {
  UpstreamLoginError,
  type UpstreamLoginSecrets,
  UpstreamNotAllowedError,
  type UpstreamProvider,
  type UpstreamRecheck,
  type UpstreamTokens,
  type UpstreamUser,
} from "./upstream-provider.js";

export interface CreateGithubProviderOptions {
  readonly config: GithubProviderConfig;
  readonly fetch?: typeof fetch;
  /** Test seam for http:// base URLs; never defaulted on. */
  readonly allowInsecureRequests?: boolean;
  /** For token expiry times. */
  readonly now?: () => number;
}

/** A GitHub provider, plus the GitHub App's refresh of its expiring user-to-server tokens. */
export interface GithubProvider extends UpstreamProvider {
  /**
   * GitHub App only: trades a refresh token for a new pair (the old refresh and access tokens stop
   * working). Throws UpstreamLoginError with GitHub's code (`bad_refresh_token`) on refusal.
   */
  refreshUserToken(refreshToken: string): Promise<UpstreamTokens>;
}

/** The REST API version the connector is written against (docs.github.com, "API Versions"). */
const API_VERSION = "2022-11-28";

interface GithubUser {
  readonly id: number;
  readonly login: string;
  readonly name: string | null;
  readonly email: string | null;
}

interface GithubEmail {
  readonly email: string;
  readonly primary: boolean;
  readonly verified: boolean;
}

/**
 * GitHub OAuth App or GitHub App sign-in ("Authorizing OAuth apps", "Generating a user access token for a
 * GitHub App"): the web flow with state and PKCE S256 (supported since 2025-07), the code redeemed with
 * the client secret through oauth4webapi (GitHub's HTTP-200 errors turned into real ones), then the REST
 * API: `/user`, `/user/emails` when the profile email is private, and the org/team allowlist checked with
 * `/user/memberships/orgs/{org}` and `/orgs/{org}/teams/{team}/memberships/{login}` (active only).
 * GitHub has no id token, so there is no nonce to check and no `iss` in the callback.
 */
export function createGithubProvider(options: CreateGithubProviderOptions): GithubProvider {
  const { config } = options;
  const now = options.now ?? Date.now;
  const baseFetch = options.fetch ?? fetch;
  const as: oauth.AuthorizationServer = {
    issuer: config.webUrl,
    authorization_endpoint: `${config.webUrl}/login/oauth/authorize`,
    token_endpoint: `${config.webUrl}/login/oauth/access_token`,
  };
  const client: oauth.Client = { client_id: config.clientId };
  const clientAuth = oauth.ClientSecretPost(config.clientSecret);
  const http = {
    ...(options.allowInsecureRequests === true ? { [oauth.allowInsecureRequests]: true } : {}),
    [oauth.customFetch]: githubTokenFetch(baseFetch) as never,
  };

  async function api<T>(token: string, path: string): Promise<{ status: number; body: T | null }> {
    const response = await baseFetch(`${config.apiUrl}${path}`, {
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/vnd.github+json",
        "x-github-api-version": API_VERSION,
        "user-agent": "mcp-coordinator",
      },
    });
    if (response.status === 404 || response.status === 403) {
      await response.arrayBuffer();
      return { status: response.status, body: null };
    }
    if (!response.ok) {
      const text = await response.text();
      throw new UpstreamLoginError(
        `${config.name} answered ${response.status} to GET ${path} (${text.slice(0, 200)}).`,
      );
    }
    return { status: response.status, body: (await response.json()) as T };
  }

  async function email(
    token: string,
    user: GithubUser,
  ): Promise<{ email: string | null; verified: boolean }> {
    // The profile email is public but not necessarily verified; /user/emails says which are.
    const { body } = await api<GithubEmail[]>(token, "/user/emails");
    if (body !== null && Array.isArray(body)) {
      const primary = body.find((e) => e.primary && e.verified) ?? body.find((e) => e.verified);
      if (primary) return { email: primary.email.toLowerCase(), verified: true };
    }
    return { email: user.email?.toLowerCase() ?? null, verified: false };
  }

  /** The allowlisted orgs and teams the person actively belongs to, as `github:<org>` / `github:<org>/<team>`. */
  async function memberships(token: string, login: string): Promise<string[]> {
    const groups: string[] = [];
    for (const org of config.allowedOrgs) {
      const { body } = await api<{ state: string }>(
        token,
        `/user/memberships/orgs/${encodeURIComponent(org)}`,
      );
      if (body?.state === "active") groups.push(`github:${org.toLowerCase()}`);
    }
    for (const team of config.allowedTeams) {
      const [org, slug] = team.split("/") as [string, string];
      const { body } = await api<{ state: string }>(
        token,
        `/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(slug)}/memberships/${encodeURIComponent(login)}`,
      );
      if (body?.state === "active") groups.push(`github:${org.toLowerCase()}/${slug}`);
    }
    return groups;
  }

  function tokensOf(result: oauth.TokenEndpointResponse): UpstreamTokens {
    const at = now();
    const refreshIn = (result as { refresh_token_expires_in?: unknown }).refresh_token_expires_in;
    return {
      accessToken: result.access_token,
      accessExpiresAt: typeof result.expires_in === "number" ? at + result.expires_in * 1000 : null,
      refreshToken: result.refresh_token ?? null,
      refreshExpiresAt: typeof refreshIn === "number" ? at + refreshIn * 1000 : null,
    };
  }

  /** The allowlist's verdict for a signed-in login; null when allowed. */
  function refusal(login: string, groups: readonly string[]): string | null {
    const allowlisted = config.allowedOrgs.length > 0 || config.allowedTeams.length > 0;
    if (!allowlisted || groups.length > 0) return null;
    const names = [...config.allowedOrgs, ...config.allowedTeams].join(", ");
    return `Only active members of ${names} on GitHub may sign in here (you signed in as ${login}); ask an org owner to add you, or accept a pending invitation.`;
  }

  async function refresh(refreshToken: string): Promise<UpstreamTokens> {
    if (config.kind !== "app") {
      throw new UpstreamLoginError(`${config.name} is an OAuth App: its tokens do not expire or refresh.`);
    }
    try {
      const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, http);
      return tokensOf(await oauth.processRefreshTokenResponse(as, client, response));
    } catch (error) {
      throw new UpstreamLoginError(`${config.name} refused the refresh (${upstreamErrorReason(error)}).`);
    }
  }

  return {
    id: config.id,
    name: config.name,
    async authorizationUrl(secrets: UpstreamLoginSecrets): Promise<URL> {
      const url = new URL(as.authorization_endpoint as string);
      url.searchParams.set("client_id", config.clientId);
      url.searchParams.set("redirect_uri", secrets.redirectUri);
      // A GitHub App's permissions are set on the app; scopes are an OAuth App notion.
      if (config.kind === "oauth-app") url.searchParams.set("scope", "read:org user:email");
      url.searchParams.set("state", secrets.state);
      url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(secrets.codeVerifier));
      url.searchParams.set("code_challenge_method", "S256");
      url.searchParams.set("allow_signup", "false");
      return url;
    },
    async complete(callbackUrl: URL, secrets: UpstreamLoginSecrets): Promise<UpstreamUser> {
      let result: oauth.TokenEndpointResponse;
      try {
        result = await redeemAuthorizationCode(as, client, clientAuth, callbackUrl, secrets, http);
      } catch (error) {
        throw new UpstreamLoginError(
          `${config.name} did not confirm the sign-in (${upstreamErrorReason(error)}).`,
        );
      }
      const token = result.access_token;
      const profile = await api<GithubUser>(token, "/user");
      if (profile.body === null || typeof profile.body.id !== "number") {
        throw new UpstreamLoginError(
          `${config.name} did not say who signed in (GET /user ${profile.status}).`,
        );
      }
      const user = profile.body;
      const address = await email(token, user);
      const groups = await memberships(token, user.login);
      const refused = refusal(user.login, groups);
      if (refused !== null) throw new UpstreamNotAllowedError(refused);
      return {
        subject: String(user.id),
        email: address.email,
        emailVerified: address.verified,
        name: user.name ?? user.login,
        groups,
        ...(config.kind === "app" ? { tokens: tokensOf(result) } : {}),
      };
    },
    refreshUserToken: refresh,
    async recheck(kept: UpstreamTokens): Promise<UpstreamRecheck> {
      let tokens = kept;
      // Refresh a minute early: the membership calls below must not race the expiry.
      if (tokens.accessExpiresAt !== null && tokens.accessExpiresAt <= now() + 60_000) {
        if (tokens.refreshToken === null) throw new UpstreamLoginError(`${config.name}'s token expired.`);
        tokens = await refresh(tokens.refreshToken);
      }
      const profile = await api<GithubUser>(tokens.accessToken, "/user");
      if (profile.body === null) {
        throw new UpstreamLoginError(
          `${config.name} no longer accepts the kept token (GET /user ${profile.status}).`,
        );
      }
      const refused = refusal(profile.body.login, await memberships(tokens.accessToken, profile.body.login));
      return refused === null ? { allowed: true, tokens } : { allowed: false, reason: refused };
    },
  };
}
