import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

/**
 * An MCP agent behind the load balancer. When its instance dies the next request lands on another one,
 * which does not know the session (404) or the connection is cut: the agent opens a new session and
 * re-attaches to its agent id (register_agent with the same id), then repeats the call. Calls are
 * idempotent or checked by the caller, so a repeat never double-applies.
 */
export class ClusterAgent {
  private client: Client | null = null;
  reconnects = 0;

  constructor(
    private readonly url: string,
    readonly agentId: string,
  ) {}

  async call(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const client = await this.connected();
        const result = await client.callTool({ name, arguments: args });
        if (result.isError) {
          const text = JSON.stringify(result.content);
          throw new ToolRefusal(`${name} refused: ${text}`, text);
        }
        return (result.structuredContent ?? {}) as Record<string, unknown>;
      } catch (error) {
        if (error instanceof ToolRefusal || attempt >= 20) throw error;
        await this.drop();
        this.reconnects += 1;
        await new Promise((r) => setTimeout(r, 100 + attempt * 100));
      }
    }
  }

  async close(): Promise<void> {
    await this.drop();
  }

  private async connected(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ name: this.agentId, version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(this.url)));
    await client.callTool({
      name: "register_agent",
      arguments: { name: this.agentId, agent_id: this.agentId },
    });
    this.client = client;
    return client;
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = null;
    // Not a DELETE to the load balancer: a clean close would end a session that may still live.
    await client?.transport?.close().catch(() => undefined);
  }
}

export class ToolRefusal extends Error {
  constructor(
    message: string,
    readonly text: string,
  ) {
    super(message);
  }
}
