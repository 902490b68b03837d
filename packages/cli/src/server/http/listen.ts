import type { Server } from "node:http";
import type { ServerConfig } from "../config/resolve-config.js";
import { StartupError } from "../startup-error.js";

/** Binds the HTTP port; a taken port becomes one line naming it and --port/PORT. Resolves the bound port. */
export function listen(server: Server, config: ServerConfig): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new StartupError(
              "HTTP_PORT_IN_USE",
              `HTTP port ${config.port} on ${config.bind} is already in use; choose another with --port or PORT (0 picks a free one).`,
              { cause: error },
            )
          : new StartupError(
              "LISTEN_FAILED",
              `Cannot listen on ${config.bind}:${config.port} (${error.code ?? error.message}); change --port/PORT or --bind/COORDINATOR_BIND.`,
              { cause: error },
            ),
      );
    });
    server.listen(config.port, config.bind, () => {
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : config.port);
    });
  });
}

/**
 * Stop accepting; in-flight requests (SSE streams excluded: they are ended first) get up to `drainMs` to
 * finish, then every remaining connection (idle keep-alive sockets included) is cut.
 */
export async function closeHttp(server: Server, inFlight: () => number, drainMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const deadline = Date.now() + drainMs;
  while (inFlight() > 0 && Date.now() < deadline) {
    server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  server.closeAllConnections();
  await closed;
}

/** The host part of URLs handed out: a wildcard bind is reached through loopback. */
export function urlHost(bind: string): string {
  if (bind === "0.0.0.0") return "127.0.0.1";
  if (bind === "::") return "[::1]";
  return bind.includes(":") ? `[${bind}]` : bind;
}
