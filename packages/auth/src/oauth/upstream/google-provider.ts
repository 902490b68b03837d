import type { GoogleProviderConfig, OidcProviderConfig } from "../config/oauth-config.js";

/** Google's OpenID Connect issuer (https://accounts.google.com/.well-known/openid-configuration). */
export const GOOGLE_ISSUER = "https://accounts.google.com";

/**
 * Google is an OpenID Connect provider: the generic adapter does discovery with the issuer pinned to
 * Google's, the code flow with PKCE, state and nonce, and verifies the id token's signature against
 * Google's JWKS (`jwks_uri` from discovery). Google has no groups claim; the allowlist is the verified
 * email's domain (COORDINATOR_OAUTH_ALLOWED_DOMAINS).
 */
export function googleOidcConfig(google: GoogleProviderConfig): OidcProviderConfig {
  return {
    id: google.id,
    name: google.name,
    issuer: GOOGLE_ISSUER,
    clientId: google.clientId,
    clientSecret: google.clientSecret,
    groupsClaim: "groups",
    scopes: ["openid", "email", "profile"],
  };
}
