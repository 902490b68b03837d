import type { IncomingMessage } from "node:http";

export const LOCALHOST_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** The hostname of a Host header or an Origin URL, without the port, lower-cased. */
export function hostnameOf(value: string): string | null {
  try {
    return new URL(value.includes("://") ? value : `http://${value}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export interface RebindingPolicy {
  /** Hostnames accepted in Host (port-agnostic). `null` disables the check. */
  readonly allowedHosts: readonly string[] | null;
  /** Origins accepted (exact `scheme://host[:port]`, or a bare hostname for any scheme and port). */
  readonly allowedOrigins: readonly string[] | null;
}

/**
 * DNS-rebinding protection (spec: Transports, Security Warning): a browser page on evil.example whose
 * name resolves to 127.0.0.1 sends its own Host and Origin, which are refused here. Requests without an
 * Origin (non-browser clients) are accepted.
 */
export function checkRebinding(req: IncomingMessage, policy: RebindingPolicy): string | null {
  if (policy.allowedHosts !== null) {
    const host = hostnameOf(req.headers.host ?? "");
    if (host === null || !policy.allowedHosts.includes(host))
      return `Host ${req.headers.host ?? "(none)"} is not allowed.`;
  }
  const origin = req.headers.origin;
  if (policy.allowedOrigins !== null && origin !== undefined && origin !== "null") {
    const hostname = hostnameOf(origin);
    const ok = policy.allowedOrigins.some(
      (allowed) => allowed === origin || (!allowed.includes("://") && allowed === hostname),
    );
    if (!ok) return `Origin ${origin} is not allowed.`;
  }
  if (origin === "null" && policy.allowedOrigins !== null) return "Origin null is not allowed.";
  return null;
}
