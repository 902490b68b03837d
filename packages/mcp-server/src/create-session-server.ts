import type { Coordinator } from "@mcp-coordinator/core";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListToolsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { callTool, type ToolCallObserver, type ToolLogger } from "./call-tool.js";
import type { ToolDefinition } from "./define-tool.js";
import { instructionsFor } from "./instructions.js";
import { type ToolProfile, toolsOf } from "./profiles.js";
import { ProtocolError } from "./protocol-error.js";
import { registerResources } from "./resources.js";
import { wireSessionEvents } from "./session-events.js";
import type { SessionIdentity } from "./session-identity.js";
import { describeTool, listTools } from "./tool-listing.js";
import { SERVER_NAME, SERVER_VERSION } from "./version.js";

export interface SessionServerOptions {
  readonly coordinator: Coordinator;
  readonly identity: SessionIdentity;
  readonly profile: ToolProfile;
  readonly log: ToolLogger;
  /** Told of every finished tool call (metrics). */
  readonly onToolCall?: ToolCallObserver;
  /** Host-specific tools served next to the profile's (benchmarks, extensions). */
  readonly extraTools?: readonly ToolDefinition[];
}

export interface SessionServer {
  readonly server: McpServer;
  /** Stops the session's event subscription and closes the server. */
  close(): Promise<void>;
}

/**
 * One MCP server per session (HTTP session or stdio connection): the profile's tools, the resources, and
 * the session's event feed. Tools are served by our own handlers so that validation messages, error
 * mapping and the inbox footer are ours (see call-tool.ts).
 */
export function createSessionServer(options: SessionServerOptions): SessionServer {
  const { coordinator, identity, profile, log } = options;
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION, title: "mcp-coordinator" },
    {
      instructions: instructionsFor(profile),
      capabilities: { resources: { subscribe: true }, logging: {} },
    },
  );
  const extra = options.extraTools ?? [];
  const tools = new Map([...toolsOf(profile), ...extra].map((tool) => [tool.name, tool]));
  const listing = extra.length > 0 ? [...listTools(profile), ...extra.map(describeTool)] : listTools(profile);
  server.server.registerCapabilities({ tools: { listChanged: false } });
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listing }));
  server.server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const tool = tools.get(request.params.name);
    if (!tool) {
      const hint =
        profile === "core"
          ? " (this connection uses the core profile; connect to /mcp?profile=full for every tool)"
          : "";
      throw new ProtocolError(ErrorCode.InvalidParams, `Unknown tool ${request.params.name}${hint}.`);
    }
    return callTool(tool, request.params.arguments, {
      coordinator,
      identity,
      signal: extra.signal,
      log,
      ...(options.onToolCall ? { onToolCall: options.onToolCall } : {}),
    });
  });
  // The product has no prompts (its guidance rides in `instructions` and tool descriptions); declaring the
  // capability with an empty list answers clients that ask instead of a "method not found".
  server.server.registerCapabilities({ prompts: { listChanged: false } });
  server.server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: [] }));
  server.server.setRequestHandler(GetPromptRequestSchema, (request) => {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      `No prompt ${request.params.name}: this server has no prompts (prompts/list is empty).`,
    );
  });
  registerResources(server, coordinator, identity);
  const unsubscribe = wireSessionEvents(server, coordinator, identity);
  return {
    server,
    async close() {
      unsubscribe();
      await server.close().catch(() => {});
    },
  };
}
