import type { Coordinator, SequencedEvent } from "@mcp-coordinator/core";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { inboxUri, STATUS_URI, threadUri } from "./resources.js";
import type { SessionIdentity } from "./session-identity.js";

const STATUS_EVENTS = new Set<SequencedEvent["type"]>([
  "agent.registered",
  "agent.status",
  "agent.activity",
  "thread.opened",
  "thread.status",
  "file.activity",
]);

/**
 * Pushes what happens in the org to one session, for clients that use notifications: resources/updated
 * for subscribed URIs, and a logging notification when the agent's inbox grows. Cheap per event: the
 * inbox is only re-read for threads the agent takes part in.
 */
export function wireSessionEvents(
  server: McpServer,
  coordinator: Coordinator,
  identity: SessionIdentity,
): () => void {
  const subscriptions = new Set<string>();
  const myThreads = new Set<string>();
  let lastUnread = 0;
  let checking: Promise<void> | null = null;

  server.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    subscriptions.add(request.params.uri);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    subscriptions.delete(request.params.uri);
    return {};
  });

  const updated = (uri: string) => {
    if (subscriptions.has(uri)) void server.server.sendResourceUpdated({ uri }).catch(() => {});
  };

  const checkInbox = () => {
    const agentId = identity.agentId;
    if (agentId === null || checking) return;
    checking = coordinator
      .inboxDigest({ orgId: identity.orgId, agentId })
      .then(async (digest) => {
        if (digest.unread > lastUnread && digest.line) {
          updated(inboxUri(agentId));
          await server
            .sendLoggingMessage({ level: "notice", logger: "coordinator", data: digest.line })
            .catch(() => {});
        }
        lastUnread = digest.unread;
      })
      .catch(() => {})
      .finally(() => {
        checking = null;
      });
  };

  const onEvent = (event: SequencedEvent) => {
    const me = identity.agentId;
    if (STATUS_EVENTS.has(event.type)) updated(STATUS_URI);
    let concernsMe = false;
    if (event.type === "thread.opened") {
      const t = event.thread;
      if (me !== null && (t.initiatorId === me || t.respondentIds.includes(me))) myThreads.add(t.threadId);
      updated(threadUri(t.threadId));
      concernsMe = myThreads.has(t.threadId);
    } else if ("threadId" in event && typeof event.threadId === "string") {
      updated(threadUri(event.threadId));
      if (event.type === "introspection.requested" && event.targetAgentId === me)
        myThreads.add(event.threadId);
      concernsMe = myThreads.has(event.threadId);
    }
    if (concernsMe && event.actorId !== me) checkInbox();
  };

  // Live only: a session is told what happens from now on; what it missed is in its inbox.
  const follow = coordinator.followEvents({ orgId: identity.orgId }, {}, onEvent);
  return follow.stop;
}
