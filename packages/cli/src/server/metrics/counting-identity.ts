import type { HeaderBag, Identity } from "@mcp-coordinator/core";
import type { CoordinatorMetrics } from "./coordinator-metrics.js";

/**
 * The Identity port with refusals counted, on every surface that asks it (REST, SSE, hooks, /mcp, the
 * embedded broker). One HTTP request may be identified twice (the write limiter asks before the MCP
 * handler does); its header object is remembered so that it counts once.
 */
export function countingIdentity(identity: Identity, metrics: CoordinatorMetrics): Identity {
  const counted = new WeakSet<HeaderBag>();
  return {
    mode: identity.mode,
    async identify(credentials) {
      const result = await identity.identify(credentials);
      if (!result.ok) {
        const headers = credentials.transport === "http" ? credentials.headers : null;
        if (headers === null || !counted.has(headers)) {
          if (headers !== null) counted.add(headers);
          metrics.authFailures.inc({ transport: credentials.transport, reason: result.refusal.reason });
        }
      }
      return result;
    },
  };
}
