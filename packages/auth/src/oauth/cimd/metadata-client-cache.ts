import type { Clock } from "@mcp-coordinator/core";
import type { MetadataClient } from "./parse-metadata-document.js";

interface Entry {
  readonly client: MetadataClient;
  readonly expiresAt: number;
}

/**
 * Validated documents by client_id, each until its cache lifetime ends, at most `maxEntries` of them:
 * past that the least recently used goes, so a flood of distinct URLs cannot grow memory. Time comes
 * from the Clock port so tests step over lifetimes instead of sleeping.
 */
export class MetadataClientCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly maxEntries: number,
  ) {}

  get(clientId: string): MetadataClient | null {
    const entry = this.entries.get(clientId);
    if (entry === undefined) return null;
    this.entries.delete(clientId);
    if (entry.expiresAt <= this.clock.now()) return null;
    this.entries.set(clientId, entry);
    return entry.client;
  }

  set(clientId: string, client: MetadataClient, lifetimeMs: number): void {
    this.entries.delete(clientId);
    if (lifetimeMs <= 0) return;
    this.entries.set(clientId, { client, expiresAt: this.clock.now() + lifetimeMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
