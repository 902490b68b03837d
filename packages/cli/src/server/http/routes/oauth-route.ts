import type { IncomingMessage, ServerResponse } from "node:http";
import type { OAuthRouteHandler } from "@mcp-coordinator/auth";
import { type BrowserPolicy, checkProtocolRequest } from "@mcp-coordinator/mcp-server/browser-guard";
import { HttpError } from "../http-error.js";
import { readBodyText } from "../read-body-text.js";

/**
 * Hands an OAuth protocol request (authorization server, metadata, sign-in pages) to auth's routes after
 * the protocol guard, and writes their answer. Returns false when auth does not serve the path.
 */
export async function serveOAuth(
  req: IncomingMessage,
  res: ServerResponse,
  handle: OAuthRouteHandler,
  policy: BrowserPolicy,
  maxBodyBytes: number,
): Promise<boolean> {
  const method = req.method ?? "GET";
  const refusal = checkProtocolRequest({ method, path: req.url ?? "/", headers: req.headers }, policy);
  if (refusal) throw new HttpError(refusal.code, refusal.reason);
  const body = method === "GET" || method === "HEAD" ? "" : await readBodyText(req, maxBodyBytes);
  const answer = await handle({
    method,
    url: new URL(req.url ?? "/", "http://localhost"),
    headers: req.headers,
    body,
    clientKey: req.socket.remoteAddress ?? "unknown",
  });
  if (answer === null) return false;
  if (answer.setCookies && answer.setCookies.length > 0) res.setHeader("set-cookie", [...answer.setCookies]);
  res.writeHead(answer.status, answer.headers);
  res.end(method === "HEAD" ? undefined : answer.body);
  return true;
}
