import type { Revocation } from "@mcp-coordinator/core";

export type RevocationListener = (revocation: Revocation) => void;

/**
 * Tells whoever holds live connections (SSE streams, MCP sessions, MQTT clients) that tokens stopped
 * working, so the host closes them. Pass `emit` as core's `createDirectory({ onRevoked })`; the jwt
 * identity also emits when a re-check finds a cached token revoked (another instance revoked it).
 */
export interface RevocationSignal {
  emit(revocation: Revocation): void;
  /** Returns a function that removes the listener. */
  onRevoked(listener: RevocationListener): () => void;
}

export function createRevocationSignal(
  onListenerError: (error: unknown) => void = () => {},
): RevocationSignal {
  const listeners = new Set<RevocationListener>();
  return {
    emit(revocation) {
      for (const listener of [...listeners]) {
        // One failing listener (a socket already gone) must not keep the others from closing theirs.
        try {
          listener(revocation);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    onRevoked(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
