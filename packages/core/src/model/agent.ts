/** An agent is one coding session (Claude Code, Cursor, a script) known to the coordinator. */
export type AgentStatus = "online" | "offline";

/** Derived from heartbeats and the file tracker; see domain/activity. */
export type ActivityState = "working" | "idle" | "waiting" | "offline";

export interface Agent {
  readonly orgId: string;
  /** Stable id: registering again with the same id re-attaches instead of duplicating. */
  readonly id: string;
  readonly name: string;
  /** Module path prefixes the agent works in (for example `src/auth`). */
  readonly modules: readonly string[];
  readonly status: AgentStatus;
  readonly registeredAt: number;
  readonly lastSeenAt: number;
  /** Last file edit or claim; drives the `working` state. */
  readonly lastActivityAt: number | null;
  readonly currentFile: string | null;
  /** The thread the agent is blocked on, when it waits for a consultation. */
  readonly waitingOnThreadId: string | null;
  /** Free-form client facts (client name, session id, worktree). */
  readonly metadata: Readonly<Record<string, string>>;
}
