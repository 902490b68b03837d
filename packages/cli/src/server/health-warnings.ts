import type { CoChangeSource } from "@mcp-coordinator/core";
import type { ServerConfig } from "./config/resolve-config.js";

/** What /health lists under warnings: things that work but that an operator should know. */
export function warningsFor(
  config: ServerConfig,
  state: {
    openMode: boolean;
    busWarning: string | null;
    coChange: CoChangeSource | null;
    dashboard: boolean;
    mcp: boolean;
  },
): string[] {
  const warnings: string[] = [];
  const unnamed = unnamedWildcardBind(config);
  if (unnamed) warnings.push(unnamed);
  if (state.busWarning) warnings.push(state.busWarning);
  const loopback = ["127.0.0.1", "localhost", "::1"].includes(config.bind);
  if (state.openMode && !loopback) {
    warnings.push(`open mode on ${config.bind}: anyone who can reach this port can act as any agent`);
  }
  if (config.repoRoot !== null && state.coChange) {
    const status = state.coChange.status();
    if (!status.available && status.reason) warnings.push(`Layer 4 co-change unavailable: ${status.reason}`);
  }
  if (!state.dashboard)
    warnings.push("dashboard package not installed: /dashboard serves the built-in status page");
  if (!state.mcp) warnings.push("no MCP handler composed: /mcp is not served");
  return warnings;
}

/**
 * Bound to every interface with no host name configured: browsers on other machines can only be refused,
 * because the names they will use are unknown (the Host check stays on off loopback).
 */
export function unnamedWildcardBind(config: ServerConfig): string | null {
  const wildcard = config.bind === "0.0.0.0" || config.bind === "::";
  if (!wildcard || config.allowedHosts.length > 0 || config.publicUrl !== null) return null;
  return `bound to ${config.bind} with no --allowed-hosts (COORDINATOR_ALLOWED_HOSTS) or --public-url: browsers reaching this server by any name but localhost are refused`;
}
