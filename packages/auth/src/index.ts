// Public surface of @mcp-coordinator/auth. Named exports only: internals stay internal.

export type {
  AuthConfig,
  JwtAuthConfig,
  SigningConfig,
  VerificationKey,
} from "./config/auth-config.js";
export { formatDuration, parseDuration } from "./config/duration.js";
export {
  type AuthConfigResult,
  type AuthEnv,
  MIN_SECRET_LENGTH,
  type ParseAuthConfigOptions,
  parseAuthConfig,
} from "./config/parse-auth-config.js";
export { AuthError, type AuthErrorCode, isAuthError } from "./errors.js";
export {
  type CreateJwtIdentityOptions,
  createJwtIdentity,
  type JwtIdentity,
  type JwtIdentityCacheOptions,
} from "./identity/jwt-identity.js";
export { REALM } from "./identity/refusal.js";
export { jwksDocument, type KeySet, loadKeySet, type SigningKey } from "./keys/key-set.js";
export { isClientIdUrl } from "./oauth/cimd/client-id-url.js";
export { ClientMetadataError, type ClientMetadataErrorCode } from "./oauth/cimd/client-metadata-error.js";
export {
  createMetadataDocumentFetcher,
  type FetchedDocument,
  type MetadataDocumentFetcher,
  type MetadataDocumentFetcherOptions,
} from "./oauth/cimd/fetch-metadata-document.js";
export type {
  Allowlist,
  ClientMetadataConfig,
  GithubProviderConfig,
  GoogleProviderConfig,
  OAuthConfig,
  OidcProviderConfig,
} from "./oauth/config/oauth-config.js";
export { MCP_SCOPE } from "./oauth/config/oauth-config.js";
export { type EncryptionKeys, parseEncryptionKeys } from "./oauth/config/parse-encryption-key.js";
export { type ParseOAuthConfigOptions, parseOAuthConfig } from "./oauth/config/parse-oauth-config.js";
export {
  type AuthorizationServer,
  type CreateAuthorizationServerOptions,
  createAuthorizationServer,
} from "./oauth/create-authorization-server.js";
export { generateEncryptionKey, keyFingerprint, TokenCipher } from "./oauth/crypto/token-cipher.js";
export { checkEncryptionKey, resealUpstreamTokens } from "./oauth/crypto/upstream-seal.js";
export { isLoopbackRedirect, matchRedirectUri } from "./oauth/grants/redirect-uri.js";
export type { OAuthHttpRequest, OAuthHttpResponse } from "./oauth/http/oauth-http.js";
export { isOAuthPath, type OAuthRouteHandler } from "./oauth/http/oauth-routes.js";
export { resourceMetadataUrl } from "./oauth/identity/oauth-identity.js";
export { OAuthError, type OAuthErrorCode } from "./oauth/oauth-error.js";
export { CSRF_HEADER } from "./oauth/session/csrf-token.js";
export type { SessionGuard } from "./oauth/session/session-guard.js";
export { type CreateOidcProviderOptions, createOidcProvider } from "./oauth/upstream/oidc-provider.js";
export {
  UpstreamLoginError,
  type UpstreamLoginSecrets,
  type UpstreamProvider,
  type UpstreamUser,
} from "./oauth/upstream/upstream-provider.js";
export {
  createRevocationSignal,
  type RevocationListener,
  type RevocationSignal,
} from "./revocation/revocation-signal.js";
export { generateJwtSecret, generateSigningKeyPair, matchesSecret } from "./secrets/secrets.js";
export type { CoordinatorClaims } from "./tokens/claims.js";
export { hashToken } from "./tokens/hash-token.js";
export {
  type CreateTokenIssuerOptions,
  createTokenIssuer,
  type IssuedToken,
  type IssueTokenInput,
  type TokenIssuer,
} from "./tokens/issue-token.js";
export { createJwtTopicAuthorizer } from "./topics/jwt-topic-authorizer.js";
