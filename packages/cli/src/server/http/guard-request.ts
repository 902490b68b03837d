import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import {
  type BrowserPolicy,
  type BrowserRefusal,
  checkBrowserRequest,
} from "@mcp-coordinator/mcp-server/browser-guard";
import { HttpError } from "./http-error.js";

/** The browser guard over a Node request: null when it may proceed. */
export function browserRefusal(req: IncomingMessage, policy: BrowserPolicy): BrowserRefusal | null {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  return checkBrowserRequest({ method: req.method ?? "GET", path, headers: req.headers }, policy);
}

/** Throws the refusal as an HttpError, so it leaves in the standard error envelope. */
export function guardRequest(req: IncomingMessage, policy: BrowserPolicy): void {
  const refusal = browserRefusal(req, policy);
  if (refusal) throw new HttpError(refusal.code, refusal.reason);
}

/**
 * Refuses a WebSocket upgrade before any handshake: the raw HTTP/1.1 status line and the reason as a
 * one-line body (RFC 6455 §4.2.2 lets the server answer a handshake with any HTTP status).
 */
export function refuseUpgrade(socket: Duplex, refusal: BrowserRefusal): void {
  const reason = `${refusal.reason}\n`;
  const status = refusal.status === 403 ? "403 Forbidden" : "415 Unsupported Media Type";
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(reason)}\r\nconnection: close\r\n\r\n${reason}`,
  );
}
