import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type CoordinatorConfig, createCoordinator } from "@mcp-coordinator/core";
import { MemoryEventBus, MemoryStore, SequentialIds } from "@mcp-coordinator/core/testing";
import { testCoordinatorLog } from "@mcp-coordinator/test-support";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createMcpHandler, type McpHandlerOptions } from "../src/index.js";

export interface TestServerOptions extends Partial<Omit<McpHandlerOptions, "coordinator">> {
  readonly store?: MemoryStore;
  readonly config?: Partial<CoordinatorConfig>;
}

/** A coordinator on in-memory adapters behind a real node:http server on an ephemeral port. */
export async function startTestServer(options: TestServerOptions = {}) {
  const store = options.store ?? new MemoryStore();
  const bus = new MemoryEventBus();
  const coordinator = createCoordinator({
    store,
    bus,
    ids: new SequentialIds(),
    config: options.config ?? {},
  });
  const handler = createMcpHandler({ coordinator, logger: testCoordinatorLog("mcp"), ...options });
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith("/mcp")) void handler.handle(req, res);
    else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/mcp`;
  const clients: Client[] = [];

  async function connect(path = "/mcp", name = "test-client"): Promise<Client> {
    const client = new Client({ name, version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}${path}`)));
    clients.push(client);
    return client;
  }

  /** A connected client already registered as `agentId`. */
  async function agent(agentId: string, modules: string[] = []): Promise<Client> {
    const client = await connect();
    const result = await call(client, "register_agent", { name: agentId, agent_id: agentId, modules });
    if (result.isError) throw new Error(text(result));
    return client;
  }

  async function close() {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
    await handler.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  return { store, bus, coordinator, handler, server, port, url, connect, agent, close };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

export function text(result: CallToolResult): string {
  return result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

export function data<T = Record<string, unknown>>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${text(result)}`);
  return result.structuredContent as T;
}
