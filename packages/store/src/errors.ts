import { CodedError } from "@mcp-coordinator/core";

/**
 * Refusals of the store itself (opening, migrating, configuring). Conflicts of a conditional write are
 * core's VersionConflictError, since the core service retries those.
 */
export type StoreErrorCode =
  /** A connection or store option is missing or malformed. */
  | "STORE_OPTIONS_INVALID"
  /** The SQLite file cannot be opened or is not a (healthy) SQLite database. */
  | "STORE_UNREADABLE"
  /** The database was migrated by a newer build than this one. */
  | "STORE_SCHEMA_TOO_NEW"
  /** The database's migration history disagrees with the migrations shipped in this build. */
  | "STORE_SCHEMA_MISMATCH"
  /** The migration files shipped with the package are missing or unreadable. */
  | "STORE_MIGRATIONS_MISSING"
  /** The database server refused or dropped the connection. */
  | "STORE_CONNECTION_FAILED"
  /** The store was used after close(). */
  | "STORE_CLOSED"
  /**
   * The database reported corrupt data while running (SQLite SQLITE_CORRUPT, PostgreSQL XX001/XX002): the
   * store refuses every later call until it is repaired and the server restarted.
   */
  | "STORE_CORRUPT";

export class StoreError extends CodedError<StoreErrorCode> {
  override readonly name = "StoreError";

  constructor(code: StoreErrorCode, message: string, details: Record<string, unknown> = {}) {
    // One line, always: these messages end up in a terminal as the whole answer to "why did it not start".
    super(code, message.replace(/\s*\n\s*/g, " "), details);
  }
}

export function isStoreError(value: unknown): value is StoreError {
  return value instanceof StoreError;
}
