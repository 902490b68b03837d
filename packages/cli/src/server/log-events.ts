import type { EventBus } from "@mcp-coordinator/core";
import type { Logger } from "pino";

/** What happened, in the log under the component it concerns. Returns the unsubscribe function. */
export function logEvents(bus: EventBus, logs: { consultation: Logger; conflict: Logger }): () => void {
  return bus.subscribe((event) => {
    const base = { org: event.orgId, agent: event.actorId, seq: event.seq };
    switch (event.type) {
      case "announcement.scored":
        logs.conflict.info(
          { ...base, score: event.score, category: event.category, thread: event.threadId },
          "announcement scored",
        );
        return;
      case "thread.opened":
      case "thread.status":
      case "thread.claimed":
      case "thread.completed":
      case "thread.poisoned":
      case "introspection.requested":
        logs.consultation.info(
          { ...base, thread: "threadId" in event ? event.threadId : undefined },
          event.type,
        );
        return;
      case "file.activity":
      case "file.claimed":
      case "file.released":
        logs.conflict.debug(base, event.type);
        return;
      default:
        logs.consultation.debug(base, event.type);
    }
  });
}
