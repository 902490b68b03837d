import type { Readable, Writable } from "node:stream";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

export interface BridgeStdioOptions {
  /** The running coordinator's MCP endpoint, e.g. http://127.0.0.1:3100/mcp (add ?profile=core if wanted). */
  readonly url: string | URL;
  /** Extra request headers, e.g. Authorization. */
  readonly headers?: Record<string, string>;
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  readonly onError?: (error: Error) => void;
}

export interface StdioBridge {
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Relays a stdio MCP client to a running coordinator's Streamable HTTP endpoint, so every client shares
 * one coordinator's state. Messages pass through unchanged; the bridge only learns the negotiated protocol
 * version (to send it as a header) and ends the HTTP session when stdin closes.
 */
export async function bridgeStdioToHttp(options: BridgeStdioOptions): Promise<StdioBridge> {
  const onError =
    options.onError ??
    ((error: Error) => process.stderr.write(`[mcp-coordinator bridge] ${error.message}\n`));
  const stdio = new StdioServerTransport(options.stdin, options.stdout);
  const http = new StreamableHTTPClientTransport(new URL(options.url), {
    ...(options.headers ? { requestInit: { headers: options.headers } } : {}),
  });
  const initializeIds = new Set<string | number>();
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let ending = false;
  const close = async () => {
    if (ending) return;
    ending = true;
    await http.terminateSession().catch(() => {});
    await http.close().catch(() => {});
    await stdio.close().catch(() => {});
    resolveClosed();
  };

  stdio.onmessage = (message: JSONRPCMessage) => {
    if ("method" in message && message.method === "initialize" && "id" in message)
      initializeIds.add(message.id);
    http.send(message).catch((error: unknown) => {
      const err = error instanceof Error ? error : new Error(String(error));
      onError(err);
      // A request that cannot reach the coordinator still gets an answer, so the client does not hang.
      if ("id" in message && "method" in message) {
        void stdio.send({
          jsonrpc: "2.0",
          id: message.id,
          error: { code: -32000, message: `Coordinator unreachable: ${err.message}` },
        });
      }
    });
  };
  http.onmessage = (message: JSONRPCMessage) => {
    if ("id" in message && "result" in message && initializeIds.delete(message.id as string | number)) {
      const version = (message.result as { protocolVersion?: unknown }).protocolVersion;
      if (typeof version === "string") http.setProtocolVersion(version);
    }
    void stdio
      .send(message)
      .catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))));
  };
  http.onerror = onError;
  stdio.onerror = onError;
  stdio.onclose = () => void close();
  http.onclose = () => void close();
  await http.start();
  await stdio.start();
  (options.stdin ?? process.stdin).once("end", () => void close());
  return { closed, close };
}
