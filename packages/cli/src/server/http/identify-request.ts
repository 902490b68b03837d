import type { IncomingMessage } from "node:http";
import type { Identity, Principal } from "@mcp-coordinator/core";
import { HttpError } from "./http-error.js";

/**
 * The one place an HTTP request meets the Identity port: headers in, a Principal out, or the refusal
 * thrown as 401 (`unauthenticated`) / 403 (`forbidden`) with the refusal's headers (e.g.
 * `WWW-Authenticate`, RFC 6750 §3).
 */
export async function identifyRequest(identity: Identity, req: IncomingMessage): Promise<Principal> {
  const result = await identity.identify({ transport: "http", headers: req.headers });
  if (result.ok) return result.principal;
  const { reason, message, headers } = result.refusal;
  throw new HttpError(
    reason === "unauthenticated" ? "UNAUTHORIZED" : "FORBIDDEN",
    message,
    {},
    headers ?? {},
  );
}
