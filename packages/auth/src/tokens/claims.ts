import type { OrgRole, TokenKind } from "@mcp-coordinator/core";

/**
 * The coordinator's claims. Registered ones per RFC 7519 §4.1 (`iss`, `sub`, `aud`, `exp`, `iat`, `jti`);
 * `scope` is space-separated as in RFC 8693 §4.2; `org`, `role`, `agent_id` and `kind` are private
 * claims [RFC 7519 §4.3]. The role in a user token is informational (or a cap): the membership decides.
 */
export interface CoordinatorClaims {
  readonly iss: string;
  readonly aud: string;
  readonly sub: string;
  readonly jti: string;
  readonly iat: number;
  readonly exp: number;
  readonly org: string;
  readonly role?: OrgRole;
  readonly agent_id?: string;
  readonly scope?: string;
  readonly kind: TokenKind;
}
