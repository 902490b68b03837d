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
