/** One dispatched server-sent event. */
export interface SseMessage {
  /** The `id` field in effect at dispatch (the last one seen), or null if the stream never sent one. */
  readonly id: string | null;
  /** The `event` field; "message" when absent. */
  readonly event: string;
  readonly data: string;
  /** A `retry` field: the reconnection time the server asks for, in ms. */
  readonly retryMs: number | null;
}

/**
 * An incremental parser for the text/event-stream format (HTML Living Standard §9.2.6 "Interpreting an
 * event stream"): feed it chunks as they arrive, it returns the events completed so far. Lines end in
 * CRLF, LF or CR; a blank line dispatches; lines starting with ":" are comments (keep-alives).
 */
export function createSseParser(): { feed(chunk: string): SseMessage[] } {
  let buffer = "";
  let lastId: string | null = null;
  let event = "";
  let data: string[] = [];
  let retryMs: number | null = null;
  // A CR at the very end of a chunk may be the first half of a CRLF split across chunks.
  let pendingCr = false;

  function line(text: string, out: SseMessage[]): void {
    if (text === "") {
      if (data.length > 0)
        out.push({ id: lastId, event: event || "message", data: data.join("\n"), retryMs });
      event = "";
      data = [];
      retryMs = null;
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") event = value;
    else if (field === "id" && !value.includes("\u0000")) lastId = value;
    else if (field === "retry" && /^\d+$/.test(value)) retryMs = Number(value);
  }

  return {
    feed(chunk) {
      const out: SseMessage[] = [];
      let text = chunk;
      if (pendingCr && text.startsWith("\n")) text = text.slice(1);
      pendingCr = false;
      buffer += text;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? "";
      if (buffer === "" && chunk.endsWith("\r")) pendingCr = true;
      for (const l of lines) line(l, out);
      return out;
    },
  };
}
