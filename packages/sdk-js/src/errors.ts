/**
 * Every failure the SDK throws is a `CoordinatorClientError` with a stable string `code`. Refusals from
 * the server keep the server's code (core's codes plus the HTTP layer's: VALIDATION_FAILED,
 * THREAD_NOT_FOUND, UNAUTHORIZED, …); failures of the SDK itself use the codes below. Subclasses group
 * them by what a caller does next: fix the input, sign in again, back off, retry later.
 */
export type ClientErrorCode =
  /** The request never got an answer (DNS, refused connection, reset, abort). */
  | "NETWORK_ERROR"
  /** The server answered something the wire contract does not describe (bad JSON, wrong shape). */
  | "INVALID_RESPONSE"
  /** An input failed the wire schema before anything was sent. */
  | "VALIDATION_FAILED"
  /** No token could be produced (empty store, failed refresh). */
  | "NO_TOKEN"
  | "REFRESH_FAILED"
  /** The refresh lock could not be taken in time. */
  | "LOCK_TIMEOUT"
  /** A token file that is not a token (edited, truncated by another tool). */
  | "TOKEN_FILE_INVALID"
  /** The server is not in oauth mode, or its OAuth metadata lacks what a device sign-in needs. */
  | "OAUTH_UNAVAILABLE"
  /** The person refused the device sign-in in the browser (RFC 8628 access_denied). */
  | "DEVICE_LOGIN_DENIED"
  /** Nobody finished the device sign-in before its code expired (RFC 8628 expired_token). */
  | "DEVICE_LOGIN_EXPIRED"
  /** The loopback port for a browser sign-in's redirect is taken (RFC 8252 §7.3). */
  | "LOOPBACK_PORT_IN_USE"
  /** The person refused the browser sign-in (`error=access_denied` on the callback, RFC 6749 §4.1.2.1). */
  | "BROWSER_LOGIN_DENIED"
  /** The callback's `state` is not the one sent: a forged or stale redirect (RFC 6749 §10.12). */
  | "BROWSER_LOGIN_STATE_MISMATCH"
  /** Nobody finished the browser sign-in in time. */
  | "BROWSER_LOGIN_TIMEOUT"
  /** The server sent another error to the callback, or refused the code at its token endpoint. */
  | "BROWSER_LOGIN_FAILED";

export interface CoordinatorClientErrorInit {
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
  /** HTTP status of the refusal; 0 when no HTTP answer was involved. */
  readonly status?: number;
  /** From `Retry-After` [RFC 9110 §10.2.3], in milliseconds; null when absent. */
  readonly retryAfterMs?: number | null;
  readonly cause?: unknown;
}

export class CoordinatorClientError extends Error {
  override readonly name: string = "CoordinatorClientError";
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly status: number;
  readonly retryAfterMs: number | null;

  constructor(init: CoordinatorClientErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.details = init.details ?? {};
    this.status = init.status ?? 0;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

/** 400, 413, 415 and client-side validation: the request itself is wrong; fix it, do not retry. */
export class InvalidRequestError extends CoordinatorClientError {
  override readonly name = "InvalidRequestError";
}
/** 401: no credential, or an expired or revoked one; sign in or refresh. */
export class AuthenticationError extends CoordinatorClientError {
  override readonly name = "AuthenticationError";
}
/** 403: the credential is valid but may not do this (impersonation, role, cross-origin). */
export class PermissionError extends CoordinatorClientError {
  override readonly name = "PermissionError";
}
/** 404: the thread, agent, module or route does not exist. */
export class NotFoundError extends CoordinatorClientError {
  override readonly name = "NotFoundError";
}
/** 409: the state moved on (illegal transition, task already claimed, agent not registered). */
export class ConflictError extends CoordinatorClientError {
  override readonly name = "ConflictError";
}
/** 429: too many requests; wait `retryAfterMs` before the next one. */
export class RateLimitError extends CoordinatorClientError {
  override readonly name = "RateLimitError";
}
/** 5xx: the server failed or is not ready; retry later (`retryAfterMs` when it said when). */
export class ServerError extends CoordinatorClientError {
  override readonly name = "ServerError";
}
/** No answer at all: NETWORK_ERROR. */
export class NetworkError extends CoordinatorClientError {
  override readonly name = "NetworkError";
}
/** An answer outside the wire contract: INVALID_RESPONSE (usually an SDK and server of different versions). */
export class InvalidResponseError extends CoordinatorClientError {
  override readonly name = "InvalidResponseError";
}
/** Token store and refresh failures: NO_TOKEN, REFRESH_FAILED, LOCK_TIMEOUT, TOKEN_FILE_INVALID. */
export class TokenError extends CoordinatorClientError {
  override readonly name = "TokenError";
}
/** A device sign-in that cannot finish: OAUTH_UNAVAILABLE, DEVICE_LOGIN_DENIED, DEVICE_LOGIN_EXPIRED. */
export class DeviceLoginError extends CoordinatorClientError {
  override readonly name = "DeviceLoginError";
}
/**
 * A browser sign-in that cannot finish: LOOPBACK_PORT_IN_USE, BROWSER_LOGIN_DENIED,
 * BROWSER_LOGIN_STATE_MISMATCH, BROWSER_LOGIN_TIMEOUT, BROWSER_LOGIN_FAILED (and OAUTH_UNAVAILABLE from
 * discovery, as a DeviceLoginError).
 */
export class BrowserLoginError extends CoordinatorClientError {
  override readonly name = "BrowserLoginError";
}
/** A coordination tool refused the call over MCP (`isError` result: "CODE: message"). */
export class ToolCallError extends CoordinatorClientError {
  override readonly name = "ToolCallError";
}

/** The class a refusal with this HTTP status becomes. */
export function errorClassForStatus(status: number): typeof CoordinatorClientError {
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionError;
  if (status === 404) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  return InvalidRequestError;
}
