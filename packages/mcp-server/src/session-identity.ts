import {
  type Actor,
  actorFromPrincipal,
  type Coordinator,
  CoordinatorError,
  type Principal,
} from "@mcp-coordinator/core";

/**
 * Who a session acts as. The agent is fixed by register_agent (or by an auth principal bound to one agent)
 * and never taken from a tool's arguments: an `agent_id` argument naming someone else is refused.
 *
 * Reconnect convenience: a fresh session that has not registered yet and passes the `agent_id` of an
 * agent that exists in its org is attached to it, as if it had called register_agent with that id.
 */
export class SessionIdentity {
  private current: string | null;
  private binding: Promise<void> = Promise.resolve();

  constructor(
    readonly principal: Principal,
    private readonly onBind: (agentId: string) => Promise<void> | void = () => {},
    /**
     * The agent recorded for this session elsewhere (another instance's register_agent after this copy of
     * the session was rebuilt); null when none. Asked only while this copy has no agent.
     */
    private readonly recall: () => Promise<string | null> = async () => null,
    private readonly onAdopt: (agentId: string) => void = () => {},
  ) {
    this.current = principal.agentId;
  }

  /**
   * Takes up the agent a session already had (a session rebuilt from the shared store on another
   * instance): no onBind, the binding is recorded already.
   */
  adopt(agentId: string): void {
    this.current = agentId;
    this.onAdopt(agentId);
  }

  /** Resolves once the latest binding is recorded: a tool result acknowledges it only after that. */
  settled(): Promise<void> {
    return this.binding;
  }

  get orgId(): string {
    return this.principal.orgId;
  }

  get agentId(): string | null {
    return this.current;
  }

  /** The agent register_agent may (re-)register as; throws on an attempt to switch agents. */
  registrationId(requested: string | undefined): string | undefined {
    if (this.current !== null && requested !== undefined && requested !== this.current) {
      throw new CoordinatorError(
        "IMPERSONATION",
        `This session is already agent ${this.current}; it cannot become ${requested}. Open a new MCP connection to register another agent.`,
        { field: "agent_id" },
      );
    }
    return this.current ?? requested;
  }

  bind(agentId: string): void {
    if (this.current === agentId) return;
    this.current = agentId;
    this.binding = Promise.resolve(this.onBind(agentId));
  }

  async actor(coordinator: Coordinator, agentIdArg: string | undefined): Promise<Actor> {
    if (this.current !== null) {
      if (agentIdArg !== undefined && agentIdArg !== "" && agentIdArg !== this.current) {
        throw new CoordinatorError(
          "IMPERSONATION",
          `agent_id ${agentIdArg} is not this session's agent (${this.current}); an agent cannot act for another.`,
          { field: "agent_id" },
        );
      }
      return actorFromPrincipal(this.principal, this.current);
    }
    const recalled = await this.recall();
    if (recalled !== null && this.current === null) {
      this.adopt(recalled);
      return this.actor(coordinator, agentIdArg);
    }
    if (agentIdArg) {
      const known = await coordinator.findAgent({ orgId: this.orgId }, agentIdArg);
      if (known !== null) {
        // Attach exactly as register_agent would: that claims the agent for this user, and refuses
        // (AGENT_OWNED_BY_ANOTHER_USER) one that another user registered, so no read or write runs as it.
        await coordinator.registerAgent(
          { orgId: this.orgId, userId: this.principal.userId },
          { agentId: agentIdArg, name: known.name },
        );
        this.bind(agentIdArg);
        return actorFromPrincipal(this.principal, agentIdArg);
      }
    }
    throw new CoordinatorError("AGENT_NOT_REGISTERED", "This session has no agent yet.", {});
  }
}
