import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey, jwtVerify } from "jose";
import * as oauth from "oauth4webapi";
import type { OidcProviderConfig } from "../config/oauth-config.js";
import { upstreamErrorReason } from "./error-reason.js";
import { redeemAuthorizationCode } from "./redeem-code.js";
import {
  UpstreamLoginError,
  type UpstreamLoginSecrets,
  type UpstreamProvider,
  type UpstreamUser,
} from "./upstream-provider.js";

export interface CreateOidcProviderOptions {
  readonly config: OidcProviderConfig;
  /** Test seam for an http:// issuer; never defaulted on. */
  readonly allowInsecureRequests?: boolean;
  readonly fetch?: typeof fetch;
}

/**
 * A generic OpenID Connect provider: discovery [OIDC Discovery 1.0 §4] with the issuer checked against
 * the configured one, the code flow with PKCE S256, state and nonce, and the id token's claims (plus
 * userinfo when the id token lacks the email or groups) mapped to an UpstreamUser. Discovery runs once
 * and is retried on the next sign-in after a failure.
 */
export function createOidcProvider(options: CreateOidcProviderOptions): UpstreamProvider {
  const { config } = options;
  const client: oauth.Client = { client_id: config.clientId };
  const clientAuth =
    config.clientSecret === null ? oauth.None() : oauth.ClientSecretBasic(config.clientSecret);
  // oauth4webapi types each call's fetch by method and body; one fetch serves them all.
  const http = {
    ...(options.allowInsecureRequests === true ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(options.fetch ? { [oauth.customFetch]: options.fetch as never } : {}),
  };
  let discovered: Promise<oauth.AuthorizationServer> | null = null;
  let keys: JWTVerifyGetKey | null = null;

  /**
   * oauth4webapi checks the id token's claims but trusts its signature to TLS; we also verify it against
   * the provider's JWKS (Google's, for Google), so a token endpoint answer alone cannot name a user.
   */
  async function verifySignature(as: oauth.AuthorizationServer, idToken: string): Promise<void> {
    if (as.jwks_uri === undefined) {
      throw new UpstreamLoginError(`${config.name}'s discovery document has no jwks_uri.`);
    }
    keys ??= createRemoteJWKSet(new URL(as.jwks_uri), {
      ...(options.fetch ? { [customFetch]: options.fetch } : {}),
    });
    await jwtVerify(idToken, keys, { issuer: as.issuer, audience: config.clientId });
  }

  function server(): Promise<oauth.AuthorizationServer> {
    if (discovered === null) {
      const issuer = new URL(config.issuer);
      discovered = oauth
        .discoveryRequest(issuer, { ...http, algorithm: "oidc" })
        .then((response) => oauth.processDiscoveryResponse(issuer, response));
      discovered.catch(() => {
        discovered = null;
      });
    }
    return discovered;
  }

  return {
    id: config.id,
    name: config.name,
    async authorizationUrl(secrets: UpstreamLoginSecrets): Promise<URL> {
      const as = await server().catch((error) => {
        throw new UpstreamLoginError(`${config.name} cannot be reached (${upstreamErrorReason(error)}).`);
      });
      if (as.authorization_endpoint === undefined) {
        throw new UpstreamLoginError(`${config.name}'s discovery document has no authorization_endpoint.`);
      }
      const url = new URL(as.authorization_endpoint);
      url.searchParams.set("response_type", "code");
      url.searchParams.set("client_id", config.clientId);
      url.searchParams.set("redirect_uri", secrets.redirectUri);
      url.searchParams.set("scope", config.scopes.join(" "));
      url.searchParams.set("state", secrets.state);
      url.searchParams.set("nonce", secrets.nonce);
      url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(secrets.codeVerifier));
      url.searchParams.set("code_challenge_method", "S256");
      return url;
    },
    async complete(callbackUrl: URL, secrets: UpstreamLoginSecrets): Promise<UpstreamUser> {
      try {
        const as = await server();
        const result = await redeemAuthorizationCode(as, client, clientAuth, callbackUrl, secrets, http, {
          expectedNonce: secrets.nonce,
          requireIdToken: true,
        });
        const claims = oauth.getValidatedIdTokenClaims(result) as oauth.IDToken;
        await verifySignature(as, result.id_token as string);
        let merged: Record<string, unknown> = { ...claims };
        if (
          (claims.email === undefined || claims[config.groupsClaim] === undefined) &&
          as.userinfo_endpoint
        ) {
          const info = await oauth.userInfoRequest(as, client, result.access_token, http);
          merged = { ...(await oauth.processUserInfoResponse(as, client, claims.sub, info)), ...claims };
        }
        return toUser(merged, config.groupsClaim);
      } catch (error) {
        if (error instanceof UpstreamLoginError) throw error;
        throw new UpstreamLoginError(
          `${config.name} did not confirm the sign-in (${upstreamErrorReason(error)}).`,
        );
      }
    },
  };
}

function toUser(claims: Record<string, unknown>, groupsClaim: string): UpstreamUser {
  const groups = claims[groupsClaim];
  return {
    subject: String(claims.sub),
    email: typeof claims.email === "string" ? claims.email.toLowerCase() : null,
    emailVerified: claims.email_verified === true,
    name: typeof claims.name === "string" ? claims.name : null,
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === "string") : [],
  };
}
