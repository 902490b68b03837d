import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { type BrowserPolicy, createBrowserPolicy } from "@mcp-coordinator/mcp-server/browser-guard";
import type { ServerConfig } from "../config/resolve-config.js";
import { browserRefusal, refuseUpgrade } from "./guard-request.js";
import { closeHttp, listen, urlHost } from "./listen.js";

export interface ServeHttpOptions {
  readonly config: ServerConfig;
  /** Builds the request handler around the browser policy in force (which learns the port on listen). */
  readonly handler: (
    policy: () => BrowserPolicy,
  ) => (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** MQTT over WebSocket (`/mqtt`); null when the bus has no WebSocket endpoint. */
  readonly handleUpgrade: ((req: IncomingMessage, socket: Duplex, head: Buffer) => boolean) | null;
  /** Long-lived streams to end first on close (SSE). */
  readonly closeStreams: () => void;
  readonly drainMs: number;
}

export interface HttpHost {
  readonly port: number;
  /** http://host:port */
  readonly url: string;
  /** The Host/Origin rules for this host, with its real port. */
  policy(): BrowserPolicy;
  /** Stops accepting, lets in-flight requests finish (up to drainMs), then cuts what is left. */
  close(): Promise<void>;
}

/** Binds the HTTP port and puts the browser guard in front of the WebSocket upgrade. */
export async function serveHttp(options: ServeHttpOptions): Promise<HttpHost> {
  const { config } = options;
  // The coordinator's own origin needs its port, known once it listens (port 0 picks one).
  let policy = browserPolicyFor(config, config.port === 0 ? null : config.port);
  const handler = options.handler(() => policy);
  let inFlight = 0;
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    // Long-lived streams (SSE on /api/events, the MCP GET stream) are not requests to wait for.
    const stream =
      req.url?.startsWith("/api/events") || (req.method === "GET" && req.url?.startsWith("/mcp"));
    if (!stream) {
      inFlight += 1;
      res.once("close", () => {
        inFlight -= 1;
      });
    }
    void handler(req, res);
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = browserRefusal(req, policy);
    if (refusal) return refuseUpgrade(socket, refusal);
    if (!options.handleUpgrade?.(req, socket, head)) {
      socket.end("HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n");
    }
  });
  const port = await listen(server, config);
  policy = browserPolicyFor(config, port);
  return {
    port,
    url: `http://${urlHost(config.bind)}:${port}`,
    policy: () => policy,
    close: async () => {
      options.closeStreams();
      await closeHttp(server, () => inFlight, options.drainMs);
    },
  };
}

function browserPolicyFor(config: ServerConfig, port: number | null): BrowserPolicy {
  return createBrowserPolicy({ allowedHosts: allowedHostsOf(config), publicUrl: config.publicUrl, port });
}

/**
 * Host names browsers may use: the configured ones, plus the bind address when it is one specific
 * address (clients then reach it by that literal, which no DNS answer can rebind).
 */
function allowedHostsOf(config: ServerConfig): string[] {
  const wildcard = config.bind === "0.0.0.0" || config.bind === "::";
  return wildcard ? [...config.allowedHosts] : [...config.allowedHosts, urlHost(config.bind)];
}
