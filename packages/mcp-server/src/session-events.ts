import type { Coordinator, SequencedEvent } from "@mcp-coordinator/core";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  ErrorCode,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { ProtocolError } from "./protocol-error.js";
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
  // Ids of the unread items this session was already told about. Comparing counts misses the next
  // message after an ack: the ack is the agent's own event, so the count was never re-read in between.
  let notified = new Set<string>();
  let checking: Promise<void> | null = null;
  // An event that arrives while the inbox is being read may add an item that read did not see.
  let recheck = false;

  server.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    await checkSubscribable(request.params.uri, coordinator, identity);
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
    if (agentId === null) return;
    if (checking) {
      recheck = true;
      return;
    }
    checking = coordinator
      .inboxDigest({ orgId: identity.orgId, agentId })
      .then(async (digest) => {
        const fresh = digest.items.some((item) => !notified.has(item.id));
        notified = new Set(digest.items.map((item) => item.id));
        if (fresh && digest.line) {
          updated(inboxUri(agentId));
          await server
            .sendLoggingMessage({ level: "notice", logger: "coordinator", data: digest.line })
            .catch(() => {});
        }
      })
      .catch(() => {})
      .finally(() => {
        checking = null;
        if (recheck) {
          recheck = false;
          checkInbox();
        }
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
  // Events only nudge an inbox re-read here: no order needed, so no log read per event.
  const follow = coordinator.followEvents({ orgId: identity.orgId }, { order: "arrival" }, onEvent);
  return follow.stop;
}

const THREAD = /^coordinator:\/\/threads\/([^/]+)$/;
const INBOX = /^coordinator:\/\/agents\/([^/]+)\/inbox$/;

/**
 * Only URIs this server will ever update can be subscribed: a typo would otherwise wait forever for a
 * notification that never comes.
 */
async function checkSubscribable(uri: string, coordinator: Coordinator, identity: SessionIdentity) {
  if (uri === STATUS_URI) return;
  const thread = THREAD.exec(uri)?.[1];
  if (thread !== undefined) {
    await coordinator.getThread({ orgId: identity.orgId }, { threadId: thread }).catch(() => {
      throw new ProtocolError(
        ErrorCode.InvalidParams,
        `No thread ${thread}; list_threads shows the thread ids.`,
      );
    });
    return;
  }
  const agent = INBOX.exec(uri)?.[1];
  if (agent !== undefined) {
    if (agent === identity.agentId) return;
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      `Only agent ${agent}'s own session may subscribe to its inbox; register_agent first.`,
    );
  }
  throw new ProtocolError(
    ErrorCode.InvalidParams,
    `Unknown resource ${uri}: subscribe to ${STATUS_URI}, coordinator://threads/<id> or coordinator://agents/<your agent id>/inbox.`,
  );
}
