import type { AuditLogTx } from "./audit-log.js";
import type { IdentityTx } from "./identity-store.js";

/**
 * The OAuth authorization server's tables. Each holds one kind of grant artefact under an opaque id
 * (the SHA-256 of a secret the client holds, or a random id), with the columns the server looks
 * things up by; the rest of the artefact is the JSON `data` the auth package owns.
 */
export type OAuthTable =
  | "clients"
  | "authorization_codes"
  | "device_codes"
  | "refresh_tokens"
  | "token_families"
  | "sessions";

export const OAUTH_TABLES: readonly OAuthTable[] = [
  "clients",
  "authorization_codes",
  "device_codes",
  "refresh_tokens",
  "token_families",
  "sessions",
];

export type OAuthData = Readonly<Record<string, unknown>>;

export interface OAuthRow {
  readonly table: OAuthTable;
  readonly id: string;
  /** The org and user the artefact belongs to, once known (null for a client or a pending login). */
  readonly orgId: string | null;
  readonly userId: string | null;
  /**
   * A second key: the user code of a device code, the family of a refresh token. Not unique by itself:
   * the server checks what it finds.
   */
  readonly lookup: string | null;
  readonly data: OAuthData;
  readonly createdAt: number;
  /** Rows past this instant are dead and swept. */
  readonly expiresAt: number;
  /** 1 on insert; every update must name the next one (see updateOAuthRow). */
  readonly version: number;
}

export interface OAuthRowFilter {
  readonly orgId?: string;
  readonly userId?: string;
  readonly lookup?: string;
}

/**
 * Reads and writes of the authorization server's state, part of every store transaction like the
 * identity model. Single use (an authorization code, a refresh token, a device code) is decided by the
 * conditional update: of two concurrent redemptions, only one moves the version.
 */
export interface OAuthTx {
  /** Returns false (and writes nothing) when the table already has the id. */
  insertOAuthRow(row: OAuthRow): Promise<boolean>;
  getOAuthRow(table: OAuthTable, id: string): Promise<OAuthRow | null>;
  /** Oldest first, then by id; an empty filter lists the table. */
  listOAuthRows(table: OAuthTable, filter: OAuthRowFilter): Promise<OAuthRow[]>;
  /**
   * Replaces the row when the stored version is `row.version - 1` and returns true; returns false
   * (and writes nothing) when the row is gone or another writer got there first.
   */
  updateOAuthRow(row: OAuthRow): Promise<boolean>;
  deleteOAuthRow(table: OAuthTable, id: string): Promise<boolean>;
  /** Rows of the table created at or after `since` and not yet expired at `now`. */
  countOAuthRows(table: OAuthTable, since: number, now: number): Promise<number>;
  /** Deletes every row of every OAuth table that expired at or before `now`; returns how many. */
  deleteExpiredOAuthRows(now: number): Promise<number>;
  /**
   * The user's token epoch in the org (0 when never bumped). Tokens carry the epoch they were issued
   * under; "log out everywhere" bumps it, so every older token stops at once.
   */
  getUserTokenEpoch(orgId: string, userId: string): Promise<number>;
  /** Adds one and returns the new epoch. */
  bumpUserTokenEpoch(orgId: string, userId: string): Promise<number>;
}

/**
 * What the authorization server needs from a Store: its own tables, the identity model and the audit log
 * (sign-ins and revocations are recorded with the change), in one transaction.
 */
export interface OAuthStore {
  transaction<T>(fn: (tx: OAuthTx & IdentityTx & { readonly audit: AuditLogTx }) => Promise<T>): Promise<T>;
}
