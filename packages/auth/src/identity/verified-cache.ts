import type { Principal } from "@mcp-coordinator/core";

export interface CachedToken {
  readonly principal: Principal;
  readonly tokenId: string;
  /** The JWT's `exp` in ms: the entry never outlives the token. */
  readonly expiresAt: number;
  /** When the store last confirmed the token (not revoked, membership present). */
  readonly checkedAt: number;
}

/**
 * Verified tokens by SHA-256, bounded: the oldest insertion is evicted first (a Map keeps insertion
 * order), so a flood of distinct valid tokens cannot grow memory without bound.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, CachedToken>();

  constructor(private readonly maxEntries: number) {}

  get(hash: string): CachedToken | undefined {
    return this.entries.get(hash);
  }

  set(hash: string, entry: CachedToken): void {
    this.entries.delete(hash);
    this.entries.set(hash, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(hash: string): void {
    this.entries.delete(hash);
  }

  /** Drops the entries of these token ids, or of this user in this org; returns how many. */
  invalidate(match: {
    readonly tokenIds: readonly string[];
    readonly orgId: string;
    readonly userId: string | null;
  }): number {
    const ids = new Set(match.tokenIds);
    let dropped = 0;
    for (const [hash, entry] of this.entries) {
      const sameUser =
        match.userId !== null &&
        entry.principal.orgId === match.orgId &&
        entry.principal.userId === match.userId;
      if (ids.has(entry.tokenId) || sameUser) {
        this.entries.delete(hash);
        dropped += 1;
      }
    }
    return dropped;
  }

  get size(): number {
    return this.entries.size;
  }
}
