import type { ServerResponse } from "node:http";
import { type CoordinatorErrorCode, isCoordinatorError } from "@mcp-coordinator/core";
import type { Logger } from "pino";

/** Refusals made by the HTTP layer itself (before a use case runs). */
export type HttpErrorCode =
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "INVALID_JSON"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "MISSING_AGENT_ID"
  | "UNAUTHORIZED"
  | "CROSS_ORIGIN_REFUSED"
  | "CSRF_TOKEN_INVALID"
  | "NOT_READY"
  | "RATE_LIMITED"
  | "INTERNAL";

export class HttpError extends Error {
  override readonly name = "HttpError";
  readonly code: HttpErrorCode | CoordinatorErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  /** Response headers the refusal needs, e.g. `WWW-Authenticate` on a 401 [RFC 9110 §11.6.1]. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: HttpErrorCode | CoordinatorErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

/**
 * The one place where error codes become HTTP statuses. Typed as a total record, so a new core error
 * code does not compile until it has a status here.
 */
const STATUS: Readonly<Record<HttpErrorCode | CoordinatorErrorCode, number>> = {
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  MISSING_AGENT_ID: 400,
  UNAUTHORIZED: 401,
  CROSS_ORIGIN_REFUSED: 403,
  CSRF_TOKEN_INVALID: 403,
  NOT_READY: 503,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  VALIDATION_FAILED: 400,
  PATH_OUTSIDE_REPO: 400,
  DEPENDENCY_MAP_INVALID: 400,
  AGENT_NOT_REGISTERED: 409,
  AGENT_NOT_FOUND: 404,
  THREAD_NOT_FOUND: 404,
  MODULE_NOT_FOUND: 404,
  DEPENDENCY_MAP_MISSING: 404,
  IMPERSONATION: 403,
  AGENT_OWNED_BY_ANOTHER_USER: 403,
  FORBIDDEN: 403,
  ORG_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  ORG_ALREADY_EXISTS: 409,
  TOPIC_FORBIDDEN: 403,
  NOT_A_PARTICIPANT: 403,
  NOT_CLAIMANT: 403,
  ILLEGAL_TRANSITION: 409,
  NO_PROPOSAL: 409,
  TASK_ALREADY_CLAIMED: 409,
  TASK_ASSIGNED_ELSEWHERE: 409,
  TASK_FILES_BUSY: 409,
  TASK_NOT_CLAIMABLE: 409,
  STORE_VERSION_CONFLICT: 409,
  CONFLICT_RETRY_EXHAUSTED: 503,
};

export interface ErrorEnvelope {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: Record<string, unknown>;
  };
}

/** Any thrown value → status + `{ error: { code, message, details } }`. Unknown errors hide their message. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorEnvelope } {
  if (error instanceof HttpError || isCoordinatorError(error)) {
    return {
      status: STATUS[error.code],
      body: { error: { code: error.code, message: error.message, details: { ...error.details } } },
    };
  }
  return {
    status: 500,
    body: { error: { code: "INTERNAL", message: "Internal error; see the server log.", details: {} } },
  };
}

export function sendError(res: ServerResponse, error: unknown, log: Logger): void {
  const { status, body } = toErrorResponse(error);
  if (status >= 500) log.error({ err: error }, "request failed");
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, body, error instanceof HttpError ? error.headers : {});
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}
