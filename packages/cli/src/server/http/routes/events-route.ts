import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventBus, Principal, SequencedEvent, Store } from "@mcp-coordinator/core";
import { toWireEvent } from "@mcp-coordinator/core/wire";
import type { Logger } from "pino";
import { HttpError } from "../http-error.js";
import { SseWriter } from "../sse-writer.js";

export interface EventsRouteDeps {
  readonly store: Store;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly keepAliveMs: number;
  /** Open streams, so that shutdown can end them. */
  readonly streams: Set<SseWriter>;
}

const PAGE = 500;

/**
 * GET /api/events: every CoordinatorEvent of the caller's org as SSE, in wire form (toWireEvent), with
 * the event's seq as the SSE id. A reconnecting EventSource sends Last-Event-ID and gets what it missed
 * from the store's event log first; `?last_event_id=N` does the same for a first connection.
 */
export async function serveEvents(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  principal: Principal,
  deps: EventsRouteDeps,
): Promise<void> {
  const resumeFrom = parseLastEventId(req.headers["last-event-id"] ?? url.searchParams.get("last_event_id"));
  // Subscribe before replaying so nothing published during the replay is lost; duplicates are dropped by seq.
  const buffered: SequencedEvent[] = [];
  let live = false;
  let lastSent = resumeFrom ?? 0;
  const writer = new SseWriter(res, 2000);
  deps.streams.add(writer);
  const send = (event: SequencedEvent) => {
    if (event.seq <= lastSent && resumeFrom !== null) return;
    lastSent = Math.max(lastSent, event.seq);
    writer.event(event.seq, event.type, toWireEvent(event));
  };
  const unsubscribe = deps.bus.subscribe(
    (event) => {
      if (live) send(event);
      else buffered.push(event);
    },
    { orgId: principal.orgId },
  );
  const keepAlive = setInterval(() => writer.comment("keep-alive"), deps.keepAliveMs);
  keepAlive.unref();
  const cleanup = () => {
    clearInterval(keepAlive);
    unsubscribe();
    deps.streams.delete(writer);
  };
  res.on("close", cleanup);
  writer.comment(`connected org=${principal.orgId}`);
  try {
    if (resumeFrom !== null) {
      let after = resumeFrom;
      for (;;) {
        const page = await deps.store.transaction((tx) =>
          tx.listEvents({ orgId: principal.orgId, afterSeq: after, limit: PAGE }),
        );
        for (const event of page) send(event);
        if (page.length < PAGE || writer.closed) break;
        after = page[page.length - 1]?.seq ?? after;
      }
    }
    for (const event of buffered) send(event);
    buffered.length = 0;
    live = true;
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
