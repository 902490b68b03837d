import * as oauth from "oauth4webapi";
import type { UpstreamLoginSecrets } from "./upstream-provider.js";

/**
 * The callback half of an upstream code flow, shared by every adapter: checks the authorization
 * response (state, RFC 9207 `iss` when the provider declares it, errors), redeems the code with the
 * PKCE verifier and processes the token response (`options`: nonce and id token rules for OIDC).
 */
export async function redeemAuthorizationCode(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  clientAuth: oauth.ClientAuth,
  callbackUrl: URL,
  secrets: UpstreamLoginSecrets,
  http: Parameters<typeof oauth.authorizationCodeGrantRequest>[6],
  options?: Parameters<typeof oauth.processAuthorizationCodeResponse>[3],
): Promise<oauth.TokenEndpointResponse> {
  const params = oauth.validateAuthResponse(as, client, callbackUrl, secrets.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    clientAuth,
    params,
    secrets.redirectUri,
    secrets.codeVerifier,
    http,
  );
  return oauth.processAuthorizationCodeResponse(as, client, response, options);
}
