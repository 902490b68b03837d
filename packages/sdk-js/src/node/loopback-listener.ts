import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BrowserLoginError } from "../errors.js";
import { CALLBACK_PAGE_HEADERS, callbackPage } from "./callback-page.js";

/** The redirect's path; the host is the IPv4 loopback literal [RFC 8252 §7.3, §8.3: not `localhost`]. */
export const CALLBACK_PATH = "/callback";

/** One redirect that reached the listener: its query, and how to answer the browser once it is handled. */
export interface LoopbackCallback {
  readonly query: URLSearchParams;
  respond(outcome: { readonly ok: boolean; readonly message: string }): void;
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback`. */
  readonly redirectUri: string;
  /** Resolves with the first redirect to reach `/callback`. */
  readonly callback: Promise<LoopbackCallback>;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 for the authorization server's redirect [RFC 8252 §7.3]: `port` 0 lets the OS
 * pick a free one. Only `GET /callback` with a Host naming this listener counts: another Host is a DNS
 * rebinding attempt, anything else a stray request (404/405), and neither ends the wait.
 */
export async function listenOnLoopback(port = 0): Promise<LoopbackListener> {
  const server = createServer();
  let settle: ((callback: LoopbackCallback) => void) | null = null;
  const callback = new Promise<LoopbackCallback>((resolve) => {
    settle = resolve;
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE" || error.code === "EACCES"
          ? new BrowserLoginError({
              code: "LOOPBACK_PORT_IN_USE",
              message: `Port ${port} on 127.0.0.1 is ${error.code === "EACCES" ? "not allowed" : "in use"}, so the sign-in cannot receive its redirect there; pick another port, or leave it out and a free one is used.`,
              cause: error,
            })
          : error,
      );
    });
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const host = `127.0.0.1:${bound}`;
  const answer = (res: ServerResponse, status: number, message: string) => {
    res.writeHead(status, CALLBACK_PAGE_HEADERS);
    res.end(callbackPage({ ok: false, message }));
  };
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", `http://${host}`);
    if (req.headers.host !== host) return answer(res, 421, `This listener answers only as ${host}.`);
    if (url.pathname !== CALLBACK_PATH) return answer(res, 404, "Nothing here; the sign-in uses /callback.");
    if (req.method !== "GET") {
      res.setHeader("allow", "GET");
      return answer(res, 405, "The sign-in redirect is a GET.");
    }
    if (settle === null) return answer(res, 409, "This sign-in already received its answer; close this tab.");
    const resolve = settle;
    settle = null;
    resolve({
      query: url.searchParams,
      respond(outcome) {
        res.writeHead(outcome.ok ? 200 : 400, CALLBACK_PAGE_HEADERS);
        res.end(callbackPage(outcome));
      },
    });
  });
  return {
    redirectUri: `http://${host}${CALLBACK_PATH}`,
    callback,
    close() {
      // Answered pages go out first (they carry Connection: close); a tab left open is cut after 2 s.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2_000).unref();
      return closed;
    },
  };
}
