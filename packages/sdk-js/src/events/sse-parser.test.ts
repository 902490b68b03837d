import { describe, expect, it } from "vitest";
import { createSseParser } from "./sse-parser.js";

describe("SSE parser", () => {
  it("dispatches events on blank lines, with id, type and multi-line data", () => {
    const parser = createSseParser();
    const out = parser.feed(': keep-alive\n\nid: 7\nevent: thread.opened\ndata: {"a":\ndata: 1}\n\n');
    expect(out).toEqual([{ id: "7", event: "thread.opened", data: '{"a":\n1}', retryMs: null }]);
  });

  it("joins events split across chunks, including a CRLF split between them", () => {
    const parser = createSseParser();
    expect(parser.feed("id: 1\r")).toEqual([]);
    expect(parser.feed("\ndata: x\r\n\r")).toEqual([{ id: "1", event: "message", data: "x", retryMs: null }]);
    expect(parser.feed("\ndata: y\n")).toEqual([]);
    expect(parser.feed("\n")).toEqual([{ id: "1", event: "message", data: "y", retryMs: null }]);
  });

  it("keeps the last id for later events, reads retry, and ignores an event without data", () => {
    const parser = createSseParser();
    const out = parser.feed("id: 3\nevent: x\n\nretry: 1500\ndata: z\n\n");
    expect(out).toEqual([{ id: "3", event: "message", data: "z", retryMs: 1500 }]);
  });
});
