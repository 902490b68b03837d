import type { Coordinator } from "@mcp-coordinator/core";
import { toWire } from "@mcp-coordinator/core/wire";
import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import { ProtocolError } from "./protocol-error.js";
import type { SessionIdentity } from "./session-identity.js";

export const STATUS_URI = "coordinator://status";
export const threadUri = (threadId: string) => `coordinator://threads/${threadId}`;
export const inboxUri = (agentId: string) => `coordinator://agents/${agentId}/inbox`;

const json = (uri: URL, value: unknown) => ({
  contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(toWire(value)) }],
});

/** Read-only views for clients that use resources (with resources/subscribe; see session-events.ts). */
export function registerResources(
  server: McpServer,
  coordinator: Coordinator,
  identity: SessionIdentity,
): void {
  const scope = () => ({ orgId: identity.orgId });
  server.registerResource(
    "status",
    STATUS_URI,
    {
      title: "Coordinator status",
      description: "Online agents, live threads, recent edits.",
      mimeType: "application/json",
    },
    async (uri) => json(uri, await coordinator.coordinatorStatus(scope())),
  );
  server.registerResource(
    "thread",
    new ResourceTemplate("coordinator://threads/{id}", { list: undefined }),
    {
      title: "Thread",
      description: "A consultation thread with its messages.",
      mimeType: "application/json",
    },
    async (uri, variables) => {
      const threadId = String(variables.id);
      try {
        return json(uri, await coordinator.getThread(scope(), { threadId }));
      } catch {
        throw new ProtocolError(
          ErrorCode.InvalidParams,
          `No thread ${threadId}; list_threads shows the thread ids.`,
        );
      }
    },
  );
  server.registerResource(
    "inbox",
    new ResourceTemplate("coordinator://agents/{id}/inbox", { list: undefined }),
    {
      title: "Inbox",
      description: "Your unacknowledged inbox items (reading does not acknowledge).",
      mimeType: "application/json",
    },
    async (uri, variables) => {
      const agentId = String(variables.id);
      if (identity.agentId !== agentId) {
        throw new ProtocolError(
          ErrorCode.InvalidParams,
          `Only agent ${agentId}'s own session may read its inbox; register_agent first.`,
        );
      }
      const digest = await coordinator.inboxDigest({ orgId: identity.orgId, agentId });
      return json(uri, { unread: digest.unread, footer: digest.line, items: digest.items });
    },
  );
}
