/** Why an item landed in an agent's inbox. */
export type InboxKind =
  | "thread_opened"
  | "message"
  | "proposal"
  | "approval"
  | "contest"
  | "resolution"
  | "introspection_request"
  | "claim"
  | "direct"
  /** Work near yours that you are not consulted on (a hot file beyond the consultation's K agents). */
  | "heads_up"
  /** An exported declaration this agent depends on changed its signature or disappeared. */
  | "input_moved"
  /**
   * The agent's own edit fell outside its announcement, which grew to cover it and now affects others
   * (the edit hook answers before the analysis ends, so the warning reaches it at its next hook).
   */
  | "intent_drift";

/**
 * One event that concerns an agent. MCP clients do not show notifications to the model, so the inbox is
 * what every tool result reports on ("2 unread in T-14 …") and what wait_for_message / hooks deliver.
 */
export interface InboxItem {
  readonly orgId: string;
  readonly id: string;
  /** The recipient. */
  readonly agentId: string;
  readonly kind: InboxKind;
  readonly threadId: string | null;
  readonly fromAgentId: string | null;
  /** One line a model can act on. */
  readonly summary: string;
  readonly createdAt: number;
  readonly deliveredAt: number | null;
  readonly ackedAt: number | null;
  readonly deliveryCount: number;
}
