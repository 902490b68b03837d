import { CodedError } from "@mcp-coordinator/core";

/** The error codes the authorization server answers with [RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 8707 §2, RFC 8628 §3.5]. */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "invalid_target"
  | "access_denied"
  | "invalid_redirect_uri"
  | "invalid_client_metadata"
  | "temporarily_unavailable"
  | "authorization_pending"
  | "slow_down"
  | "expired_token";

/**
 * A refusal in OAuth's own vocabulary (the wire names the code in snake_case, so it is kept as is); the
 * HTTP layer turns it into the JSON body [RFC 6749 §5.2] or the error redirect [RFC 6749 §4.1.2.1].
 */
export class OAuthError extends CodedError<OAuthErrorCode> {
  override readonly name = "OAuthError";
  readonly status: number;

  constructor(code: OAuthErrorCode, description: string, status?: number) {
    super(code, description);
    this.status =
      status ?? (code === "invalid_client" ? 401 : code === "temporarily_unavailable" ? 429 : 400);
  }

  toJSON(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.code, error_description: this.message };
  }
}
