import { describe, expect, it } from "vitest";
import { createSseParser, type SseFrame } from "./sse-parser.js";

function parse(chunks: string[]) {
  const frames: SseFrame[] = [];
  const comments: string[] = [];
  const feed = createSseParser({ frame: (f) => frames.push(f), comment: (c) => comments.push(c) });
  for (const chunk of chunks) feed(chunk);
  return { frames, comments };
}

describe("the SSE parser", () => {
  it("dispatches id, event and data once the blank line arrives", () => {
    const { frames } = parse(['id: 7\nevent: thread.opened\ndata: {"a":1}\n\n']);
    expect(frames).toEqual([{ id: "7", event: "thread.opened", data: '{"a":1}' }]);
  });

  it("joins multi-line data and reassembles frames split across chunks", () => {
    const { frames } = parse(["id: 1\nda", "ta: one\r\ndata: two\r", "\n\r\n"]);
    expect(frames).toEqual([{ id: "1", event: "message", data: "one\ntwo" }]);
  });

  it("reports comments (keep-alives) and ignores retry and unknown fields", () => {
    const { frames, comments } = parse([": connected org=default\n\nretry: 2000\n\nfoo: bar\ndata: x\n\n"]);
    expect(comments).toEqual(["connected org=default"]);
    expect(frames).toEqual([{ id: null, event: "message", data: "x" }]);
  });
});
