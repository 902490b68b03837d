import { afterEach, describe, expect, it } from "vitest";
import { BoundedEventStore } from "../src/event-store.js";
import { startTestServer, type TestServer } from "./harness.js";

describe("BoundedEventStore", () => {
  const message = (n: number) => ({
    jsonrpc: "2.0" as const,
    method: "notifications/message",
    params: { n },
  });

  it("replays every later event of the same stream, in order, even for the SDK's `_GET_stream` id", async () => {
    const store = new BoundedEventStore();
    const first = await store.storeEvent("_GET_stream", message(1));
    await store.storeEvent("other_stream", message(99));
    await store.storeEvent("_GET_stream", message(2));
    await store.storeEvent("_GET_stream", message(3));
    const replayed: unknown[] = [];
    const stream = await store.replayEventsAfter(first, { send: async (_id, m) => void replayed.push(m) });
    expect(stream).toBe("_GET_stream");
    expect(replayed).toEqual([message(2), message(3)]);
  });

  it("skips priming events and forgets the oldest events past its bound", async () => {
    const store = new BoundedEventStore({ maxEventsPerStream: 3 });
    const priming = await store.storeEvent("s", {} as never);
    for (let n = 1; n <= 5; n++) await store.storeEvent("s", message(n));
    const replayed: unknown[] = [];
    await store.replayEventsAfter(priming, { send: async (_id, m) => void replayed.push(m) });
    expect(replayed).toEqual([message(3), message(4), message(5)]);
    expect(store.size).toBe(3);
    expect(await store.getStreamIdForEventId("garbage")).toBeUndefined();
  });
});

let s: TestServer;
afterEach(async () => {
  await s?.close();
});

const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

interface SseEvent {
  id?: string;
  data: string;
}

/** Reads SSE events from a response until `count` data events arrived (or the timeout). */
async function readEvents(res: Response, count: number, timeoutMs = 3_000): Promise<SseEvent[]> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  while (events.filter((e) => e.data.trim() !== "").length < count && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<{ done: true; value: undefined }>((r) =>
        setTimeout(() => r({ done: true, value: undefined }), 200),
      ),
    ]);
    if (chunk.value) buffer += decoder.decode(chunk.value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = { data: "" };
      for (const line of block.split("\n")) {
        if (line.startsWith("id: ")) event.id = line.slice(4);
        if (line.startsWith("data: ")) event.data += line.slice(6);
      }
      if (event.id !== undefined || event.data !== "") events.push(event);
      end = buffer.indexOf("\n\n");
    }
  }
  await reader.cancel().catch(() => {});
  return events;
}

describe("resuming the notification stream with Last-Event-ID", () => {
  it("replays the notifications sent while the client was disconnected", async () => {
    s = await startTestServer();
    const version = "2025-11-25";
    const init = await fetch(s.url, {
      method: "POST",
      headers: HEADERS,
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: version, capabilities: {}, clientInfo: { name: "raw", version: "1" } },
      }),
    });
    const sessionId = init.headers.get("mcp-session-id") as string;
    await init.text();
    const headers = { ...HEADERS, "mcp-session-id": sessionId, "mcp-protocol-version": version };
    const post = async (body: object) =>
      (await fetch(s.url, { method: "POST", headers, body: JSON.stringify(body) })).text();
    await post({ jsonrpc: "2.0", method: "notifications/initialized" });
    await post({
      jsonrpc: "2.0",
      id: 2,
      method: "resources/subscribe",
      params: { uri: "coordinator://status" },
    });

    const controller = new AbortController();
    const stream = await fetch(s.url, {
      headers: { ...headers, accept: "text/event-stream" },
      signal: controller.signal,
    });
    const others = [];
    others.push(await s.agent("one"));
    const live = await readEvents(stream, 1);
    controller.abort();
    const lastId = live.filter((e) => e.data.trim() !== "").at(-1)?.id as string;
    expect(lastId).toBeTruthy();

    // While disconnected: three more agents register, each updating coordinator://status.
    for (const name of ["two", "three", "four"]) others.push(await s.agent(name));
    await new Promise((r) => setTimeout(r, 50));

    const resumed = await fetch(s.url, {
      headers: { ...headers, accept: "text/event-stream", "last-event-id": lastId },
    });
    expect(resumed.status).toBe(200);
    const replayed = (await readEvents(resumed, 3)).filter((e) => e.data.trim() !== "");
    expect(replayed.length).toBeGreaterThanOrEqual(3);
    for (const event of replayed) {
      expect(JSON.parse(event.data)).toMatchObject({
        method: "notifications/resources/updated",
        params: { uri: "coordinator://status" },
      });
    }
    const seqs = replayed.map((e) => Number(e.id?.split(".")[1]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});
