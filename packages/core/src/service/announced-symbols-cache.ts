import type { Clock } from "../ports/clock.js";
import type { StoreTx } from "../ports/store.js";
import type { FootprintsByPath } from "../ports/symbol-ledger.js";

export interface AnnouncedSymbolsCacheOptions {
  /** Entries kept at most (least recently used go first). Default 10 000. */
  readonly maxEntries?: number;
  /** How long an entry is trusted; must stay below the recent-edit window (see the class comment). */
  readonly ttlMs: number;
}

const NONE: FootprintsByPath = new Map();

/**
 * The announced symbols of announcements, read through from the store on the hook and scoring paths,
 * so a pre-edit hook that finds the same announcers as the last one pays no extra query for them.
 *
 * Why a time-bounded entry is safe across instances: an announcement's symbols are written once when it
 * is announced (a fresh id, so nothing is cached for it yet) and only ever grow afterwards, by intent
 * drift, which records the same symbols as the agent's edits in the same transaction. Every reader
 * merges an agent's announced symbols with its edits of the recent-edit window, read uncached; so an
 * entry that another instance grew meanwhile misses nothing as long as it is younger than that window.
 * Released announcements are never asked for (readers start from the active ones). Entries written on
 * this instance are dropped at once; the use case that writes reads the store itself.
 */
export class AnnouncedSymbolsCache {
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  /** Insertion order is recency order: a hit is deleted and set again. */
  readonly #entries = new Map<string, { footprints: FootprintsByPath; readAt: number }>();

  constructor(
    private readonly clock: Clock,
    options: AnnouncedSymbolsCacheOptions,
  ) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#ttlMs = options.ttlMs;
  }

  /**
   * The announced symbols of each of `announcementIds` (an empty map: none named). `editsSince` is where
   * the caller's read of the agents' edits starts: an entry older than that window is read again, so the
   * argument above holds for a caller with a window shorter than the default too.
   */
  async read(
    tx: StoreTx,
    orgId: string,
    announcementIds: readonly string[],
    editsSince: number,
  ): Promise<Map<string, FootprintsByPath>> {
    const now = this.clock.now();
    const maxAge = Math.min(this.#ttlMs, now - editsSince);
    const out = new Map<string, FootprintsByPath>();
    const missing: string[] = [];
    for (const id of new Set(announcementIds)) {
      const key = keyOf(orgId, id);
      const entry = this.#entries.get(key);
      if (entry !== undefined && now - entry.readAt < maxAge) {
        this.#entries.delete(key);
        this.#entries.set(key, entry);
        out.set(id, entry.footprints);
      } else {
        missing.push(id);
      }
    }
    if (missing.length === 0) return out;
    const loaded = await tx.symbols.announced(orgId, missing);
    for (const id of missing) {
      const footprints = loaded.get(id) ?? NONE;
      out.set(id, footprints);
      this.#remember(keyOf(orgId, id), { footprints, readAt: now });
    }
    return out;
  }

  /** Forgets what this instance cached for announcements it is writing. */
  invalidate(orgId: string, announcementIds: readonly string[]): void {
    for (const id of announcementIds) this.#entries.delete(keyOf(orgId, id));
  }

  get size(): number {
    return this.#entries.size;
  }

  #remember(key: string, entry: { footprints: FootprintsByPath; readAt: number }): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }
}

function keyOf(orgId: string, announcementId: string): string {
  return `${orgId}\u0000${announcementId}`;
}
