/**
 * Leadership of the jobs that must run once when several coordinator instances share a store (the
 * sweep, the agent TTL, retention). Acquiring is cheap and idempotent: the host calls `acquire()` before
 * every run of a once-only job and skips the run when it returns false. An adapter must hand leadership
 * over within a bounded time when the leader dies (a crashed process must not keep it forever), and the
 * jobs themselves stay correct if two instances run them at once anyway: their writes are conditional.
 */
export interface LeaderLease {
  /** This instance's id (COORDINATOR_INSTANCE_ID), as peers and /health show it. */
  readonly instanceId: string;
  /** Takes leadership when nobody holds it, or confirms this instance still does. True while it leads. */
  acquire(): Promise<boolean>;
  /** Gives leadership up (shutdown) so another instance takes over at once, not after the expiry. */
  resign(): Promise<void>;
  /** The instance leading now as the store sees it; null when nobody does. */
  leader(): Promise<string | null>;
  /** Instances connected to the shared store now, this one included, sorted. */
  peers(): Promise<string[]>;
}

/**
 * Which agents have a live session or connection on some instance. An agent whose session ends on one
 * instance stays online while another instance still holds it; a crashed instance's holds disappear
 * with it (adapters tie them to the instance's connection or to an expiry).
 */
export interface Presence {
  /** This instance serves a live session or connection for the agent. Counted: hold twice, release twice. */
  hold(orgId: string, agentId: string): Promise<void>;
  /** One of this instance's sessions or connections for the agent ended. */
  release(orgId: string, agentId: string): Promise<void>;
  /** True while any instance (this one included) holds the agent. */
  isHeld(orgId: string, agentId: string): Promise<boolean>;
}

/** What a shared store offers an instance: the lease and presence, tied to one connection it closes. */
export interface ClusterLink extends LeaderLease, Presence {
  close(): Promise<void>;
}
