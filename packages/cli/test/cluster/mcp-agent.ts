import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

/**
 * An MCP agent behind the load balancer, on one MCP session for its whole life. When its instance dies,
 * the next request lands on another instance, which continues the session from the shared store; a call
 * cut off mid-flight fails (connection error, or the Interrupted answer to the stream's resume) and is
 * repeated on the same session. Calls are idempotent or checked by the caller, so a repeat never
 * double-applies. Only a session the cluster lost (404) makes it initialize again, counted in
 * `initializations` so the test can require exactly one.
 */
export class ClusterAgent {
  private client: Client | null = null;
  private registered = false;
  /** MCP sessions established: 1 when the session survived everything. */
  initializations = 0;
  /** Calls repeated after a failure. */
  retries = 0;
  /** The session ids this agent used, in order. */
  readonly sessionIds: string[] = [];
  /** The instances (HAProxy's x-served-by) that answered its POSTs, consecutive repeats folded. */
  readonly servedBy: { server: string; sessionId: string | null }[] = [];

  constructor(
    private readonly url: string,
    readonly agentId: string,
  ) {}

  async call(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const client = await this.ready();
        const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 30_000 });
        if (result.isError) {
          const text = JSON.stringify(result.content);
          throw new ToolRefusal(`${name} refused: ${text}`, text);
        }
        return (result.structuredContent ?? {}) as Record<string, unknown>;
      } catch (error) {
        if (error instanceof ToolRefusal || attempt >= 20) throw error;
        // The cluster forgot the session: the only case that needs a new handshake.
        if ((error as { code?: unknown }).code === 404) await this.drop();
        this.retries += 1;
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
    const transport = new StreamableHTTPClientTransport(new URL(this.url), {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const server = response.headers.get("x-served-by");
        if (server !== null && init?.method === "POST")
          this.served(server, response.headers.get("mcp-session-id"));
        return response;
      },
      // A cut stream resumes on another instance within a second or two, not after the SDK's 1 s + 1.5 s.
      reconnectionOptions: {
        initialReconnectionDelay: 200,
        maxReconnectionDelay: 3_000,
        reconnectionDelayGrowFactor: 2,
        maxRetries: 6,
      },
    });
    await client.connect(transport);
    this.initializations += 1;
    this.sessionIds.push(transport.sessionId ?? "");
    this.client = client;
    this.registered = false;
    return client;
  }

  /** The session, connected and registered; a failed registration is repeated on the same session. */
  private async ready(): Promise<Client> {
    const client = await this.connected();
    if (this.registered) return client;
    const registered = await client.callTool({
      name: "register_agent",
      arguments: { name: this.agentId, agent_id: this.agentId },
    });
    if (registered.isError) throw new Error(`register_agent refused: ${JSON.stringify(registered.content)}`);
    this.registered = true;
    return client;
  }

  private served(server: string, sessionId: string | null): void {
    const last = this.servedBy.at(-1);
    if (last?.server !== server) this.servedBy.push({ server, sessionId });
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
