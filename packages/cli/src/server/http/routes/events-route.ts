import type { IncomingMessage, ServerResponse } from "node:http";
import type { Coordinator, Principal } from "@mcp-coordinator/core";
import { toWireEvent } from "@mcp-coordinator/core/wire";
import type { Logger } from "pino";
import { HttpError } from "../http-error.js";
import { SseWriter } from "../sse-writer.js";

export interface EventsRouteDeps {
  readonly coordinator: Coordinator;
  readonly log: Logger;
  readonly keepAliveMs: number;
  /** Open streams, so that shutdown can end them. */
  readonly streams: Set<SseWriter>;
}

/**
 * GET /api/events: every CoordinatorEvent of the caller's org as SSE, in wire form (toWireEvent), with
 * the event's seq as the SSE id. A reconnecting EventSource sends Last-Event-ID and gets what it missed
 * from the event log first (core's followEvents: replay, then live, no gap, no duplicate);
 * `?last_event_id=N` does the same for a first connection.
 */
export async function serveEvents(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  principal: Principal,
  deps: EventsRouteDeps,
): Promise<void> {
  const resumeFrom = parseLastEventId(req.headers["last-event-id"] ?? url.searchParams.get("last_event_id"));
  const writer = new SseWriter(res, 2000);
  writer.owner = {
    orgId: principal.orgId,
    userId: principal.userId,
    credential: req.headers.authorization ?? null,
    cookie: req.headers.authorization === undefined ? (req.headers.cookie ?? null) : null,
  };
  deps.streams.add(writer);
  const follow = deps.coordinator.followEvents(
    { orgId: principal.orgId },
    { afterSeq: resumeFrom },
    (event) => {
      // A closed response stops the follow through its "close" handler below.
      if (!writer.closed) writer.event(event.seq, event.type, toWireEvent(event));
    },
  );
  const keepAlive = setInterval(() => writer.comment("keep-alive"), deps.keepAliveMs);
  keepAlive.unref();
  const cleanup = () => {
    clearInterval(keepAlive);
    follow.stop();
    deps.streams.delete(writer);
  };
  res.on("close", cleanup);
  writer.comment(`connected org=${principal.orgId}`);
  try {
    await follow.ready;
  } catch (error) {
    deps.log.error({ err: error }, "event replay failed");
    writer.close();
  }
}

function parseLastEventId(value: string | string[] | null | undefined): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === null || raw === "") return null;
  if (!/^\d+$/.test(raw.trim())) {
    throw new HttpError(
      "VALIDATION_FAILED",
      "Last-Event-ID must be the seq of an event (a non-negative integer).",
      {
        lastEventId: raw,
      },
    );
  }
  return Number(raw.trim());
}
