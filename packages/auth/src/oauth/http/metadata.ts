import type { OAuthConfig } from "../config/oauth-config.js";
import { MCP_SCOPE, SUPPORTED_SCOPES } from "../config/oauth-config.js";
import { DEVICE_CODE_GRANT } from "../grants/device-grant.js";

/** Protected-resource metadata [RFC 9728 §2]: `resource` is exactly the MCP URL users type. */
export function protectedResourceMetadata(config: OAuthConfig): Record<string, unknown> {
  return {
    resource: config.resource,
    authorization_servers: [config.issuer],
    scopes_supported: [MCP_SCOPE],
    bearer_methods_supported: ["header"],
    resource_name: "mcp-coordinator",
  };
}

/** Authorization server metadata [RFC 8414 §2]. */
export function authorizationServerMetadata(config: OAuthConfig): Record<string, unknown> {
  const at = (path: string) => `${config.issuer}${path}`;
  return {
    issuer: config.issuer,
    authorization_endpoint: at("/oauth/authorize"),
    token_endpoint: at("/oauth/token"),
    registration_endpoint: at("/oauth/register"),
    revocation_endpoint: at("/oauth/revoke"),
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    device_authorization_endpoint: at("/oauth/device_authorization"),
    grant_types_supported: ["authorization_code", "refresh_token", DEVICE_CODE_GRANT],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
    revocation_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
    scopes_supported: [...SUPPORTED_SCOPES],
    // RFC 9207: the authorization response carries `iss`, so a client can tell servers apart.
    authorization_response_iss_parameter_supported: true,
    // draft-ietf-oauth-client-id-metadata-document-02 §6; clients use it only with "none" listed above.
    ...(config.clientMetadata.enabled ? { client_id_metadata_document_supported: true } : {}),
  };
}
