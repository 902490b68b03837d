import type { WireEvent } from "@mcp-coordinator/core/wire";
import type { ConnectionState } from "../state/model.js";
import { createSseParser } from "./sse-parser.js";
import { authHeaders, markRefused } from "./token.js";

export interface EventStreamOptions {
  readonly url: string;
  readonly onEvent: (event: WireEvent) => void;
  readonly onState: (state: ConnectionState) => void;
  /**
   * The server subscribed us. `resumed`: it replays from Last-Event-ID, so nothing was missed;
   * otherwise the caller loads a snapshot (events that arrive meanwhile must be kept and applied after).
   */
  readonly onConnected: (resumed: boolean) => void;
  /** The seq to resume after, or null to start fresh (and reload the snapshot). */
  readonly resumeFrom: () => number | null;
  readonly maxDelayMs?: number;
}

/**
 * Follows /api/events over fetch streaming rather than EventSource: every event type arrives through one
 * callback, Last-Event-ID is ours to send, and the connection state is known at each step.
 */
export function startEventStream(options: EventStreamOptions): { stop(): void; drop(): void } {
  let stopped = false;
  let controller = new AbortController();
  const maxDelay = options.maxDelayMs ?? 5_000;

  const run = async () => {
    let delay = 250;
    let first = true;
    while (!stopped) {
      options.onState(first ? "connecting" : "reconnecting");
      first = false;
      const resumeFrom = options.resumeFrom();
      try {
        const res = await fetch(options.url, {
          headers: {
            ...authHeaders(),
            ...(resumeFrom === null ? {} : { "last-event-id": String(resumeFrom) }),
          },
          cache: "no-store",
          signal: controller.signal,
        });
        if (res.status === 401) markRefused();
        if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
        const feed = createSseParser({
          frame: (frame) => {
            try {
              options.onEvent(JSON.parse(frame.data) as WireEvent);
            } catch {
              // A frame that is not JSON is not ours to show.
            }
          },
          comment: (text) => {
            if (!text.startsWith("connected")) return;
            delay = 250;
            options.onState("live");
            options.onConnected(resumeFrom !== null);
          },
        });
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          feed(value);
        }
      } catch {
        // Dropped, refused or aborted: fall through to the retry below.
      }
      if (stopped) break;
      options.onState("reconnecting");
      controller = new AbortController();
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, maxDelay);
    }
    options.onState("offline");
  };
  void run();
  return {
    stop() {
      stopped = true;
      controller.abort();
    },
    /** Cuts the current connection (it reconnects and resumes): for tests and the "reconnect" button. */
    drop() {
      controller.abort();
    },
  };
}
