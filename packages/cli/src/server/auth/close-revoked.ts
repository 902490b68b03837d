import type { RevocationSignal } from "@mcp-coordinator/auth";
import type { Principal, Revocation } from "@mcp-coordinator/core";
import type { SessionCaller } from "@mcp-coordinator/mcp-server";
import type { Logger } from "pino";
import type { SseWriter } from "../http/sse-writer.js";

/** The live connections a host holds, each able to say who holds it and what it presented. */
export interface LiveConnections {
  readonly sseStreams: Iterable<SseWriter>;
  readonly endMcpSessions:
    | ((match: (caller: SessionCaller) => boolean, reason: string) => Promise<number>)
    | null;
  readonly disconnectMqtt:
    | ((match: (principal: Principal, credential: string | null) => boolean) => number)
    | null;
}

/**
 * The `jti` [RFC 7519 §4.1.7] of a presented token, read without verifying: the connection was admitted
 * by the Identity, which verified it; here it only identifies which token the connection holds.
 * Accepts an Authorization header value (`Bearer <jwt>`, RFC 6750 §2.1) or the bare token (MQTT password).
 */
export function tokenIdOf(credential: string | null): string | null {
  if (credential === null) return null;
  const token = credential.replace(/^bearer\s+/i, "").trim();
  const payload = token.split(".")[1];
  if (payload === undefined) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { jti?: unknown };
    return typeof claims.jti === "string" ? claims.jti : null;
  } catch {
    return null;
  }
}

/** Does this revocation cover a connection held by (orgId, userId) with this credential? */
export function revokes(
  revocation: Revocation,
  orgId: string,
  userId: string,
  credential: string | null,
): boolean {
  if (orgId !== revocation.orgId) return false;
  if (revocation.userId !== null && userId === revocation.userId) return true;
  const tokenId = tokenIdOf(credential);
  return tokenId !== null && revocation.tokenIds.includes(tokenId);
}

/**
 * Revoking a token or removing a member ends what that caller holds open: SSE streams, MCP sessions and
 * MQTT connections, at once for revocations made through this process and at the identity's next
 * re-check (≤ 5 s) for ones made elsewhere (another instance, the admin verbs on the database). Every
 * later request is refused by the Identity itself. Returns the unsubscribe function.
 */
export function closeRevokedConnections(
  revocations: RevocationSignal,
  live: LiveConnections,
  log: Logger,
): () => void {
  return revocations.onRevoked((revocation) => {
    let streams = 0;
    for (const stream of [...live.sseStreams]) {
      const owner = stream.owner;
      if (owner && revokes(revocation, owner.orgId, owner.userId, owner.credential)) {
        stream.close();
        streams += 1;
      }
    }
    const mqtt =
      live.disconnectMqtt?.((principal, credential) =>
        revokes(revocation, principal.orgId, principal.userId, credential),
      ) ?? 0;
    const reason = revocation.reason === "member_removed" ? "member removed" : "token revoked";
    void (
      live.endMcpSessions?.(
        (caller) => revokes(revocation, caller.orgId, caller.userId, caller.authorization),
        reason,
      ) ?? Promise.resolve(0)
    ).then(
      (sessions) =>
        log.info(
          { orgId: revocation.orgId, tokenIds: revocation.tokenIds, streams, mqtt, sessions },
          `closed connections: ${reason}`,
        ),
      (error: unknown) => log.warn({ err: error }, "ending revoked MCP sessions failed"),
    );
  });
}
