/**
 * Every refusal the core can produce, with a stable code. Adapters map codes to MCP `isError` results and
 * HTTP statuses in one place each; messages say what was wrong and what to do instead.
 */
export type CoordinatorErrorCode =
  | "VALIDATION_FAILED"
  | "PATH_OUTSIDE_REPO"
  | "AGENT_NOT_REGISTERED"
  | "AGENT_NOT_FOUND"
  | "IMPERSONATION"
  | "THREAD_NOT_FOUND"
  | "ILLEGAL_TRANSITION"
  | "NOT_A_PARTICIPANT"
  | "NO_PROPOSAL"
  | "TASK_ALREADY_CLAIMED"
  | "TASK_ASSIGNED_ELSEWHERE"
  | "TASK_FILES_BUSY"
  | "TASK_NOT_CLAIMABLE"
  | "NOT_CLAIMANT"
  | "DEPENDENCY_MAP_INVALID"
  | "DEPENDENCY_MAP_MISSING"
  | "MODULE_NOT_FOUND"
  | "TOPIC_FORBIDDEN"
  | "CONFLICT_RETRY_EXHAUSTED"
  | "STORE_VERSION_CONFLICT"
  | "FORBIDDEN"
  | "AGENT_OWNED_BY_ANOTHER_USER"
  | "ORG_NOT_FOUND"
  | "ORG_ALREADY_EXISTS"
  | "MEMBER_NOT_FOUND"
  | "TOKEN_NOT_FOUND";

/**
 * An error with a stable string `code` and structured `details`, the one shape every package's refusals
 * take (core's CoordinatorError, the store's StoreError, the broker's BrokerError, auth's errors): hosts
 * map codes to statuses and exit codes in one place, and never parse messages.
 */
export class CodedError<Code extends string> extends Error {
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: Code, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

export class CoordinatorError extends CodedError<CoordinatorErrorCode> {
  override readonly name = "CoordinatorError";
}

export function isCoordinatorError(value: unknown): value is CoordinatorError {
  return value instanceof CoordinatorError;
}

/**
 * Thrown by a Store when a conditional write lost a race (another writer changed the row first).
 * The service retries the whole use case, so callers never see it unless retries run out.
 */
export class VersionConflictError extends CoordinatorError {
  constructor(entity: string, id: string, expectedVersion: number) {
    super(
      "STORE_VERSION_CONFLICT",
      `${entity} ${id} changed concurrently (expected version ${expectedVersion}).`,
      {
        entity,
        id,
        expectedVersion,
      },
    );
  }
}
