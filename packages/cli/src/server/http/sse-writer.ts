import type { ServerResponse } from "node:http";

/**
 * A minimal text/event-stream writer (WHATWG HTML §9.2 "Server-sent events"): `id`, `event` and `data`
 * fields, one blank line per event, comment lines for keep-alive. Multi-line data is split into several
 * `data:` lines, as the spec requires.
 */
/** Who holds a stream, so a revocation can find it: the principal's org and user and what it presented. */
export interface StreamOwner {
  readonly orgId: string;
  readonly userId: string;
  /** The Authorization header value (or the token itself), null in open mode. */
  readonly credential: string | null;
  /** The Cookie header of a stream a dashboard session opened (no Authorization header), else null. */
  readonly cookie?: string | null;
}

export class SseWriter {
  readonly #res: ServerResponse;
  #closed = false;
  /** Set by the route that opened the stream. */
  owner: StreamOwner | null = null;

  constructor(res: ServerResponse, retryMs?: number) {
    this.#res = res;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      // Reverse proxies (nginx) must not buffer the stream.
      "x-accel-buffering": "no",
    });
    res.flushHeaders();
    if (retryMs !== undefined) res.write(`retry: ${retryMs}\n\n`);
    res.on("close", () => {
      this.#closed = true;
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  event(id: string | number, type: string, data: unknown): void {
    if (this.#closed) return;
    const lines = JSON.stringify(data).split(/\r\n|\r|\n/);
    this.#res.write(`id: ${id}\nevent: ${type}\n${lines.map((l) => `data: ${l}`).join("\n")}\n\n`);
  }

  comment(text: string): void {
    if (this.#closed) return;
    this.#res.write(`: ${text.replace(/[\r\n]+/g, " ")}\n\n`);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#res.end();
  }
}
