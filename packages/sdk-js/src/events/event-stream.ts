import type { WireEvent } from "@mcp-coordinator/core/wire";
import { parseWireEvent } from "@mcp-coordinator/core/wire";
import { CoordinatorClientError } from "../errors.js";
import { refusal } from "../http/process-response.js";
import { buildUrl, requestHeaders, type Transport } from "../http/transport.js";
import { type BackoffOptions, backoffDelay, checkBackoff } from "./backoff.js";
import { SeenSeqs } from "./seen-seqs.js";
import { createSseParser } from "./sse-parser.js";

export interface EventsOptions extends BackoffOptions {
  /**
   * Replay the org's events after this seq before going live (0: from the beginning). Default: live
   * only, from the moment of connecting.
   */
  readonly afterSeq?: number;
  /**
   * A connection that sends nothing (not even the server's keep-alive comments) for this long is dropped
   * and reopened: a half-open TCP connection would otherwise block forever. Default 60 s.
   */
  readonly idleTimeoutMs?: number;
  /** Ends the stream (the iterator finishes). */
  readonly signal?: AbortSignal;
  /** Called before each reconnect, with the delay and what ended the last connection. */
  readonly onReconnect?: (info: {
    readonly attempt: number;
    readonly delayMs: number;
    readonly error: unknown;
  }) => void;
}

export interface EventStream extends AsyncIterable<WireEvent> {
  /** The seq of the last event delivered (what the next reconnect resumes after), or null. */
  readonly lastSeq: number | null;
  /** Stops the stream; a pending `next()` finishes with done. */
  close(): void;
}

/** Statuses after which reconnecting cannot help: the request itself is refused. */
const FATAL = new Set([400, 401, 403, 404, 405]);

/**
 * GET /api/events as an async iterator of wire events. The server sends each event with its seq as the
 * SSE id; on a lost connection this reconnects with backoff and `Last-Event-ID: <last seq>` (HTML §9.2.4),
 * and the server replays what was missed from the event log. Seqs already delivered are dropped, so an
 * overlapping replay never yields the same event twice. Refusals that a retry cannot fix (401, 403, …)
 * end the iteration with the typed error.
 */
export function openEventStream(transport: Transport, options: EventsOptions = {}): EventStream {
  checkBackoff(options);
  if (
    options.idleTimeoutMs !== undefined &&
    !(Number.isFinite(options.idleTimeoutMs) && options.idleTimeoutMs > 0)
  ) {
    throw new RangeError("idleTimeoutMs must be a positive number of milliseconds.");
  }
  if (options.afterSeq !== undefined && !(Number.isSafeInteger(options.afterSeq) && options.afterSeq >= 0)) {
    throw new RangeError("afterSeq must be a non-negative integer (an event seq).");
  }
  const stop = new AbortController();
  options.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  const seen = new SeenSeqs(4096, options.afterSeq ?? null);

  async function* run(): AsyncGenerator<WireEvent> {
    let attempt = 0;
    let serverRetryMs: number | null = null;
    while (!stop.signal.aborted) {
      let lastError: unknown = null;
      try {
        for await (const item of connect(seen.last)) {
          if (item.retryMs !== null) serverRetryMs = item.retryMs;
          if (item.event === null) continue;
          attempt = 0;
          yield item.event;
        }
      } catch (error) {
        if (stop.signal.aborted) return;
        if (error instanceof CoordinatorClientError && FATAL.has(error.status)) throw error;
        lastError = error;
      }
      if (stop.signal.aborted) return;
      const delayMs = Math.max(backoffDelay(attempt, options), serverRetryMs ?? 0);
      options.onReconnect?.({ attempt, delayMs, error: lastError });
      attempt++;
      await sleep(delayMs, stop.signal);
    }
  }

  async function* connect(
    after: number | null,
  ): AsyncGenerator<{ event: WireEvent | null; retryMs: number | null }> {
    const headers = await requestHeaders(transport, {
      accept: "text/event-stream",
      ...(after === null ? {} : { "last-event-id": String(after) }),
    });
    const connection = new AbortController();
    const abort = () => connection.abort();
    stop.signal.addEventListener("abort", abort, { once: true });
    const idleMs = options.idleTimeoutMs ?? 60_000;
    let idle = setTimeout(abort, idleMs);
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(abort, idleMs);
    };
    try {
      yield* read(headers, connection.signal, touch);
    } finally {
      clearTimeout(idle);
      stop.signal.removeEventListener("abort", abort);
    }
  }

  async function* read(
    headers: Record<string, string>,
    signal: AbortSignal,
    touch: () => void,
  ): AsyncGenerator<{ event: WireEvent | null; retryMs: number | null }> {
    const response = await transport.fetch(buildUrl(transport.baseUrl, "/api/events"), { headers, signal });
    if (response.status !== 200 || response.body === null) {
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {}
      throw refusal({ status: response.status, headers: response.headers, text }, json);
    }
    const parser = createSseParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        touch();
        for (const message of parser.feed(decoder.decode(value, { stream: true }))) {
          const parsed = parseWireEvent(message.data);
          // Frames that are not events (none today) are skipped rather than ending the stream.
          if (!parsed.ok) {
            yield { event: null, retryMs: message.retryMs };
            continue;
          }
          yield { event: seen.add(parsed.wire.seq) ? parsed.wire : null, retryMs: message.retryMs };
        }
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  const iterator = run();
  return {
    get lastSeq() {
      return seen.last;
    },
    close: () => stop.abort(),
    [Symbol.asyncIterator]: () => iterator,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
