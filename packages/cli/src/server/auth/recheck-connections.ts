import type { HeaderBag, Identity } from "@mcp-coordinator/core";
import type { Logger } from "pino";
import type { LiveConnections } from "./close-revoked.js";

/** Closes the event streams whose dashboard session ended (signed out, expired, idle, epoch, member). */
async function closeEndedSessions(
  live: LiveConnections,
  sessionIsLive: (headers: HeaderBag) => Promise<boolean>,
): Promise<void> {
  const cookies = new Set<string>();
  for (const stream of live.sseStreams) if (stream.owner?.cookie) cookies.add(stream.owner.cookie);
  for (const cookie of cookies) {
    if (await sessionIsLive({ cookie })) continue;
    for (const stream of [...live.sseStreams]) if (stream.owner?.cookie === cookie) stream.close();
  }
}

/** The bare token of an Authorization header value or an MQTT password. */
function bare(credential: string): string {
  return credential.replace(/^bearer\s+/i, "").trim();
}

/**
 * Long-lived connections present their token once. A revocation made through this process closes them
 * at once (closeRevokedConnections); one made elsewhere (another instance, `token revoke` on the
 * database) is only seen when the token is checked again. This presents every live connection's token
 * to the Identity every `intervalMs`: its re-check finds the revocation (and emits it, which closes the
 * connections); a token that is refused for any other reason (expired) has its connections closed here.
 * A revocation takes effect within the identity's re-check interval plus `intervalMs`.
 */
export function startConnectionRecheck(options: {
  readonly identity: Identity;
  readonly live: LiveConnections;
  readonly intervalMs: number;
  readonly log: Logger;
  /**
   * oauth mode: is the dashboard session behind a stream's cookie still good? Asked without counting as
   * activity, so an open tab does not hold its session past the idle timeout.
   */
  readonly sessionIsLive?: ((headers: HeaderBag) => Promise<boolean>) | null;
}): () => void {
  const { identity, live, log } = options;
  const sessionIsLive = options.sessionIsLive ?? null;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const held = new Set<string>();
      for (const stream of live.sseStreams)
        if (stream.owner?.credential) held.add(bare(stream.owner.credential));
      // The visitors return false: they only read which tokens the sessions and clients hold.
      await live.endMcpSessions?.((caller) => {
        if (caller.authorization) held.add(bare(caller.authorization));
        return false;
      }, "");
      live.disconnectMqtt?.((_principal, credential) => {
        if (credential) held.add(bare(credential));
        return false;
      });
      if (sessionIsLive !== null) await closeEndedSessions(live, sessionIsLive);
      for (const token of held) {
        const result = await identity.identify({
          transport: "http",
          headers: { authorization: `Bearer ${token}` },
        });
        if (result.ok) continue;
        const holds = (credential: string | null) => credential !== null && bare(credential) === token;
        for (const stream of [...live.sseStreams])
          if (holds(stream.owner?.credential ?? null)) stream.close();
        live.disconnectMqtt?.((_principal, credential) => holds(credential));
        await live.endMcpSessions?.((caller) => holds(caller.authorization), "token no longer valid");
      }
    } catch (error) {
      log.warn({ err: error }, "re-checking live connections failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
