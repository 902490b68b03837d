import { isIP } from "node:net";
import type { ServerConfig } from "../config/resolve-config.js";
import { StartupError } from "../startup-error.js";

/** 127.0.0.0/8 [RFC 1122 §3.2.1.3], ::1 [RFC 4291 §2.5.3] and `localhost` [RFC 6761 §6.3]. */
export function isLoopbackBind(bind: string): boolean {
  const host = bind.toLowerCase();
  if (host === "localhost" || host === "::1" || host === "[::1]") return true;
  return isIP(host) === 4 && host.startsWith("127.");
}

/**
 * Open mode trusts whoever reaches the port, which is only safe when nobody else can: a non-loopback
 * bind in open mode is refused unless the operator says, by a loudly named setting, that it is meant.
 */
export function refuseOpenOnNetwork(config: ServerConfig, mode: string): void {
  if (mode !== "open" || isLoopbackBind(config.bind) || config.insecureOpenOnNetwork) return;
  throw new StartupError(
    "OPEN_ON_NETWORK",
    `open mode on ${config.bind} would let anyone who reaches this port act as any agent: start with --auth jwt (COORDINATOR_AUTH_ENABLED=true, see the README's "Team setup"), bind 127.0.0.1, or pass --insecure-open-on-network if the network is yours alone.`,
  );
}
