import { CodedError } from "@mcp-coordinator/core";
/** Stable codes for everything @mcp-coordinator/auth refuses outside a request (config, issuing). */
export type AuthErrorCode =
  | "AUTH_CONFIG_INVALID"
  | "AUTH_SECRET_TOO_SHORT"
  | "AUTH_KEY_INVALID"
  | "AUTH_EXPIRY_INVALID"
  | "AUTH_ISSUE_INVALID"
  | "AUTH_ENCRYPTION_KEY_MISMATCH"
  | "AUTH_DECRYPT_FAILED";

export class AuthError extends CodedError<AuthErrorCode> {
  override readonly name = "AuthError";
  /** The environment variable (or option) at fault, when there is one. */
  readonly variable: string | null;

  constructor(code: AuthErrorCode, message: string, variable: string | null = null) {
    super(code, message, variable === null ? {} : { variable });
    this.variable = variable;
  }
}

export function isAuthError(value: unknown): value is AuthError {
  return value instanceof AuthError;
}
