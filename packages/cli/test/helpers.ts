import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryEventBus, MemoryStore } from "@mcp-coordinator/core/testing";
import { testLogger } from "@mcp-coordinator/test-support";
import { type CoordinatorServer, type StartServerOptions, startServer } from "../src/index.js";

/** The servers' logger in tests: the production logger at debug, into the run's scanned log directory. */
export { testLogger };

export function tempDir(prefix = "mcp-coord-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A server on ephemeral ports, isolated from the machine's env and config.json. */
export async function startTestServer(options: StartServerOptions = {}): Promise<CoordinatorServer> {
  return startServer({
    port: 0,
    mqttPort: 0,
    env: {},
    configFile: null,
    dataDir: tempDir(),
    store: new MemoryStore(),
    bus: new MemoryEventBus(),
    logger: testLogger(),
    dashboardDir: null,
    mcpHandler: null,
    ...options,
  });
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function getJson(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export interface SseFrame {
  readonly id: string | null;
  readonly event: string | null;
  readonly data: unknown;
}

/** Opens an SSE stream and collects its frames (comments skipped) until `close()`. */
export async function openSse(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const frames: SseFrame[] = [];
  const comments: string[] = [];
  const waiters: Array<() => void> = [];
  const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          const lines = block.split("\n");
          if (lines.every((l) => l.startsWith(":"))) {
            comments.push(...lines.map((l) => l.slice(1).trim()));
            continue;
          }
          const field = (name: string) =>
            lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
          const data = field("data");
          if (data.length === 0) continue;
          frames.push({
            id: field("id")[0] ?? null,
            event: field("event")[0] ?? null,
            data: JSON.parse(data.join("\n")),
          });
          for (const w of waiters.splice(0)) w();
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    frames,
    comments,
    /** Settles when the stream ends (the server closed it, or close() aborted it). */
    ended: pump,
    async waitFor(count: number, timeoutMs = 3000): Promise<SseFrame[]> {
      const started = Date.now();
      while (frames.length < count) {
        if (Date.now() - started > timeoutMs) throw new Error(`only ${frames.length} of ${count} SSE frames`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return frames;
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}
