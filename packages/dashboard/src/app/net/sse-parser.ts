export interface SseFrame {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
}

export interface SseSink {
  frame(frame: SseFrame): void;
  comment?(text: string): void;
}

/**
 * An incremental text/event-stream parser (WHATWG HTML §9.2.6 "Interpreting an event stream"): feed it
 * chunks as they arrive; it calls back once per dispatched event and per comment line.
 */
export function createSseParser(sink: SseSink): (chunk: string) => void {
  let buffer = "";
  let id: string | null = null;
  let event = "";
  let data: string[] = [];
  const line = (text: string) => {
    if (text === "") {
      if (data.length > 0) sink.frame({ id, event: event || "message", data: data.join("\n") });
      id = null;
      event = "";
      data = [];
      return;
    }
    if (text.startsWith(":")) {
      sink.comment?.(text.slice(1).trimStart());
      return;
    }
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") event = value;
    else if (field === "id" && !value.includes("\0")) id = value;
  };
  return (chunk: string) => {
    buffer += chunk;
    let start = 0;
    for (;;) {
      const nl = buffer.indexOf("\n", start);
      const cr = buffer.indexOf("\r", start);
      let end: number;
      if (nl === -1 && cr === -1) break;
      if (cr !== -1 && (nl === -1 || cr < nl)) {
        // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
        if (cr === buffer.length - 1) break;
        end = cr;
        line(buffer.slice(start, end));
        start = buffer[cr + 1] === "\n" ? cr + 2 : cr + 1;
      } else {
        end = nl;
        line(buffer.slice(start, end));
        start = nl + 1;
      }
    }
    buffer = buffer.slice(start);
  };
}
