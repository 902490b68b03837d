import type { WireEvent } from "@mcp-coordinator/core/wire";
import { AuthenticationError, createClient } from "@mcp-coordinator/sdk";
import type { CoordinatorServer } from "mcp-coordinator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCoordinator } from "./support/coordinator.js";

let server: CoordinatorServer;
beforeAll(async () => {
  server = await startCoordinator();
});
afterAll(async () => {
  await server.close();
});

async function take(stream: AsyncIterable<WireEvent>, n: number): Promise<WireEvent[]> {
  const out: WireEvent[] = [];
  for await (const event of stream) {
    out.push(event);
    if (out.length === n) break;
  }
  return out;
}

/**
 * A fetch that cuts the first /api/events response after `cutAfter` SSE events, and on every later
 * connection may rewrite Last-Event-ID (to make the server replay more than the client asked for).
 */
function flakyFetch(cutAfter: number, rewriteLastEventId?: string) {
  const seen: (string | null)[] = [];
  let connections = 0;
  const wrapped: typeof fetch = async (input, init) => {
    const url = String(input);
    if (!url.includes("/api/events")) return fetch(input, init);
    connections++;
    const headers = new Headers(init?.headers);
    seen.push(headers.get("last-event-id"));
    if (connections > 1 && rewriteLastEventId !== undefined) headers.set("last-event-id", rewriteLastEventId);
    const response = await fetch(input, { ...init, headers });
    if (connections > 1 || response.body === null) return response;
    const reader = response.body.getReader();
    let text = "";
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        const before = text.length;
        text += new TextDecoder().decode(value);
        // Forward up to the end of the cutAfter-th event, then "drop the connection".
        const ends = [...text.matchAll(/data:[^\n]*\n\n/g)].map((m) => (m.index ?? 0) + m[0].length);
        const cut = ends[cutAfter - 1];
        if (cut === undefined) return controller.enqueue(value);
        controller.enqueue(encoder.encode(text.slice(before, cut)));
        await reader.cancel();
        controller.close();
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return { fetch: wrapped, lastEventIds: seen };
}

describe("client.events() over SSE", () => {
  it("delivers live events as typed wire events", async () => {
    const client = createClient({ url: server.url });
    const stream = client.events();
    const first = take(stream, 2);
    await new Promise((r) => setTimeout(r, 100));
    await client.registerAgent({ name: "Live", agent_id: "live-1" });
    const events = await first;
    expect(events.map((e) => e.type)).toContain("agent.registered");
    expect(events.every((e) => e.org_id === "default")).toBe(true);
    expect(stream.lastSeq).toBe(events.at(-1)?.seq);
  });

  it("replays from afterSeq, resumes after a dropped connection from the last id, with nothing twice", async () => {
    const client = createClient({ url: server.url });
    for (const id of ["r1", "r2", "r3"]) await client.registerAgent({ name: id, agent_id: id });
    const all = await take(client.events({ afterSeq: 0 }), 3);
    const flaky = flakyFetch(2);
    const reconnects: number[] = [];
    const resuming = createClient({ url: server.url, fetch: flaky.fetch });
    const stream = resuming.events({
      afterSeq: 0,
      initialDelayMs: 10,
      onReconnect: ({ delayMs }) => reconnects.push(delayMs),
    });
    const events = await take(stream, 3);
    expect(events.map((e) => e.seq)).toEqual(all.map((e) => e.seq));
    expect(reconnects.length).toBe(1);
    expect(flaky.lastEventIds).toEqual(["0", String(all[1]?.seq)]);
  });

  it("drops what the server replays twice after a reconnect", async () => {
    const client = createClient({ url: server.url });
    const all = await take(client.events({ afterSeq: 0 }), 4);
    // The second connection asks for everything again: the stream must not yield the first two again.
    const flaky = flakyFetch(2, "0");
    const stream = createClient({ url: server.url, fetch: flaky.fetch }).events({
      afterSeq: 0,
      initialDelayMs: 10,
    });
    const events = await take(stream, 4);
    expect(events.map((e) => e.seq)).toEqual(all.map((e) => e.seq));
  });

  it("ends with the typed error when the server refuses the stream", async () => {
    const refused: typeof fetch = async () =>
      new Response(JSON.stringify({ error: { code: "UNAUTHORIZED", message: "sign in", details: {} } }), {
        status: 401,
      });
    const stream = createClient({ url: server.url, fetch: refused }).events();
    await expect(take(stream, 1)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("stops when closed", async () => {
    const stream = createClient({ url: server.url }).events();
    const pending = take(stream, 1);
    setTimeout(() => stream.close(), 50);
    expect(await pending).toEqual([]);
  });

  it("refuses a bad afterSeq", () => {
    expect(() => createClient({ url: server.url }).events({ afterSeq: -1 })).toThrow(RangeError);
  });
});
