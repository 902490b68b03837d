/**
 * MCP Streamable HTTP sessions kept where every instance can read them, so that a session outlives the
 * process that created it: an instance that receives a request for a session id it does not hold reads the
 * record and rebuilds the session (it replays `initialize` to its own transport and server) instead of
 * answering 404. What is not here lives and dies with one process: open SSE streams, notification
 * subscriptions and responses not yet delivered (see the mcp-server README).
 */
export interface McpSessionRecord {
  readonly sessionId: string;
  readonly orgId: string;
  /** The principal's user: a request for the session from another user or org is refused (404). */
  readonly userId: string;
  /** The tool profile the session was opened with (`full` or `core`). */
  readonly profile: string;
  /** The params of the client's initialize request: protocol version, capabilities, client info. */
  readonly initialize: Readonly<Record<string, unknown>>;
  /** The agent the session acts as, once register_agent (or an agent-bound credential) set it. */
  readonly agentId: string | null;
  readonly createdAt: number;
  /** Refreshed at most about once a minute per instance, not on every request. */
  readonly lastSeenAt: number;
}

export interface McpSessionStore {
  /** Records a new session; a second record with the same id replaces nothing and is an error. */
  create(record: McpSessionRecord): Promise<void>;
  find(sessionId: string): Promise<McpSessionRecord | null>;
  /** Sets the session's agent (register_agent acknowledged only after this resolves). */
  bindAgent(sessionId: string, agentId: string): Promise<void>;
  touch(sessionId: string, at: number): Promise<void>;
  /** Forgets the session (DELETE, revocation, idle); true when it existed. */
  remove(sessionId: string): Promise<boolean>;
  /** Forgets sessions not seen since `before`; returns how many. */
  removeIdle(before: number): Promise<number>;
}
