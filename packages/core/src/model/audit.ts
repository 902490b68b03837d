/** A JSON value as the audit log stores it: what `JSON.parse` can give back, nothing else. */
export type AuditJson =
  | string
  | number
  | boolean
  | null
  | readonly AuditJson[]
  | { readonly [key: string]: AuditJson };

/**
 * What the audit log records. Decision actions are written in the transaction of the change they
 * record; activity actions (high volume) go through the batched tier, whose losses are themselves
 * recorded as `audit.activity_lost`.
 */
export type AuditAction =
  // identity and administration
  | "org.created"
  | "member.added"
  | "member.role_changed"
  | "member.removed"
  | "token.created"
  | "token.revoked"
  // oauth mode: a user signed a client in (a new token family), or a sign-in ended
  | "auth.signed_in"
  | "auth.signed_out"
  | "identity.refused"
  // consultation decisions
  | "consensus.reached"
  | "thread.cancelled"
  | "thread.timed_out"
  | "task.poisoned"
  // a human acting from the dashboard
  | "operator.action"
  // the client hook refused an edit under the repo's policy
  | "policy.blocked"
  // the log about itself
  | "audit.checkpoint"
  | "audit.activity_lost"
  // the batched activity tier
  | "activity.announce"
  | "activity.file";

/** An audit record before it is sealed onto its org's chain. */
export interface AuditEntry {
  readonly orgId: string;
  readonly at: number;
  readonly action: AuditAction;
  /** What the action was about (`token:<id>`, `thread:<id>`, `user:<id>`, a path); null when nothing. */
  readonly target: string | null;
  /** The acting user (the Principal's user id); null when the coordinator acted on its own. */
  readonly actorUserId: string | null;
  readonly actorAgentId: string | null;
  /** The HTTP request that caused it (X-Request-Id); null outside a request. */
  readonly requestId: string | null;
  readonly details: { readonly [key: string]: AuditJson };
}

/**
 * A sealed record: position `seq` in its org's chain (1, 2, 3 … with no gaps), the previous record's
 * hash and its own. `hash` = SHA-256 of the canonical JSON (RFC 8785) of the record's content, its seq
 * and `prevHash`, so an edit, a deletion or a move anywhere breaks a link.
 */
export interface AuditRecord extends AuditEntry {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** The newest record of an org's chain, kept apart so that deleting the newest records shows too. */
export interface AuditChainHead {
  readonly orgId: string;
  readonly seq: number;
  readonly hash: string;
}

/** The hash the first record of every chain points at. */
export const AUDIT_GENESIS_HASH = "0".repeat(64);
