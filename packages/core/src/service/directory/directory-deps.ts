import type { Clock } from "../../ports/clock.js";
import type { Store } from "../../ports/store.js";
import type { Revocation } from "./directory.js";

export interface DirectoryDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Called after a revocation commits, so the host can drop caches and close live connections. */
  readonly onRevoked: (revocation: Revocation) => void;
  /** Who the audit records name as acting; null when the host does not say. */
  readonly actorUserId: string | null;
}
