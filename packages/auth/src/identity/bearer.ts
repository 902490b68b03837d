import type { Credentials } from "@mcp-coordinator/core";

export type Presented =
  | { readonly kind: "token"; readonly token: string }
  | { readonly kind: "missing" }
  | { readonly kind: "wrong_scheme" };

/** b64token [RFC 6750 §2.1]; a compact JWT is three base64url parts [RFC 7515 §7.1]. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The bearer token a caller presented: `Authorization: Bearer <token>` over HTTP (scheme compared
 * case-insensitively, RFC 7235 §2.1), the MQTT CONNECT password over MQTT (TCP or `/mqtt`).
 */
export function presentedToken(credentials: Credentials): Presented {
  if (credentials.transport === "mqtt") {
    const password = credentials.password?.trim() ?? "";
    return password === "" ? { kind: "missing" } : { kind: "token", token: password };
  }
  const raw = credentials.headers.authorization;
  const header = Array.isArray(raw) ? raw[0] : raw;
  if (typeof header !== "string" || header.trim() === "") return { kind: "missing" };
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header.trim());
  if (match === null || (match[1] as string).toLowerCase() !== "bearer") return { kind: "wrong_scheme" };
  const token = match[2] as string;
  return B64TOKEN.test(token) ? { kind: "token", token } : { kind: "wrong_scheme" };
}
