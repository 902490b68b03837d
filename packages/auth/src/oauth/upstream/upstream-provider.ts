/**
 * Who an upstream identity provider says signed in. Adapters (generic OIDC here; GitHub and Google
 * next) map their own answers onto it; the authorization server decides the rest (allowlist, user id).
 */
export interface UpstreamUser {
  /** The provider's stable subject (`sub`, GitHub's numeric id). */
  readonly subject: string;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly name: string | null;
  readonly groups: readonly string[];
  /**
   * Upstream tokens worth keeping (GitHub App user-to-server tokens, which expire and refresh); the
   * authorization server stores them encrypted. Absent for providers whose tokens are dropped at once.
   */
  readonly tokens?: UpstreamTokens;
}

/** An upstream access token, its refresh token and when each ends (epoch ms, null: never said). */
export interface UpstreamTokens {
  readonly accessToken: string;
  readonly accessExpiresAt: number | null;
  readonly refreshToken: string | null;
  readonly refreshExpiresAt: number | null;
}

/** The values one upstream sign-in keeps between the redirect out and the callback in. */
export interface UpstreamLoginSecrets {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** Our callback URL at this provider: `<issuer>/oauth/callback/<id>`. */
  readonly redirectUri: string;
}

/**
 * The seam every upstream provider implements: build the authorization URL, then turn the callback into
 * a user. Network calls go through oauth4webapi with an injectable fetch, so tests and GitHub's quirks
 * (errors with HTTP 200) are handled inside the adapter.
 */
export interface UpstreamProvider {
  readonly id: string;
  /** What the login picker page shows. */
  readonly name: string;
  authorizationUrl(secrets: UpstreamLoginSecrets): Promise<URL>;
  /**
   * Checks the callback (state, `iss` per RFC 9207, errors), redeems the code with PKCE, checks the id
   * token (issuer, audience, nonce) and returns the user. Throws UpstreamLoginError on any refusal.
   */
  complete(callbackUrl: URL, secrets: UpstreamLoginSecrets): Promise<UpstreamUser>;
  /**
   * Providers whose tokens are kept (GitHub App): asks the provider again whether the person is still
   * allowed, refreshing its expired access token first. `allowed: false` is definitive (left the org);
   * a thrown UpstreamLoginError means the provider no longer honours the kept tokens.
   */
  recheck?(tokens: UpstreamTokens): Promise<UpstreamRecheck>;
}

export type UpstreamRecheck =
  | { readonly allowed: true; readonly tokens: UpstreamTokens }
  | { readonly allowed: false; readonly reason: string };

/** An upstream sign-in that did not produce a user: the page shown says why, never a 500. */
export class UpstreamLoginError extends Error {
  override readonly name: string = "UpstreamLoginError";
}

/** The provider vouched for the person, but a provider-side allowlist (GitHub org/team) leaves them out: 403. */
export class UpstreamNotAllowedError extends UpstreamLoginError {
  override readonly name = "UpstreamNotAllowedError";
}
