import { describe, expect, it } from "vitest";
import { ManualClock } from "../memory/manual-clock.js";
import { MemoryStore } from "../memory/memory-store.js";
import type { Store } from "../ports/store.js";
import { AnnouncedSymbolsCache } from "./announced-symbols-cache.js";

const login = new Map([["src/auth.ts", { symbols: ["login"], sharedState: false }]]);

/** A store that counts the ledger reads that reach it. */
function countingStore(): { store: Store; reads: () => number } {
  const store = new MemoryStore();
  let reads = 0;
  return {
    reads: () => reads,
    store: {
      close: () => store.close(),
      transaction: (fn) =>
        store.transaction((tx) => {
          const announced = tx.symbols.announced.bind(tx.symbols);
          tx.symbols.announced = (orgId, ids) => {
            reads += 1;
            return announced(orgId, ids);
          };
          return fn(tx);
        }),
    },
  };
}

async function seed(store: Store, ids: readonly string[]) {
  await store.transaction(async (tx) => {
    for (const id of ids) {
      await tx.symbols.setAnnounced({
        orgId: "default",
        announcementId: id,
        agentId: "alice",
        expiresAt: 1e12,
        footprints: login,
      });
    }
  });
}

describe("AnnouncedSymbolsCache", () => {
  it("answers a repeated read from memory until the entry is older than its time to live", async () => {
    const clock = new ManualClock();
    const { store, reads } = countingStore();
    await seed(store, ["A-1"]);
    const cache = new AnnouncedSymbolsCache(clock, { ttlMs: 1_000 });
    const read = () =>
      store.transaction((tx) => cache.read(tx, "default", ["A-1", "A-none"], clock.now() - 60_000));
    const first = await read();
    expect(first.get("A-1")?.get("src/auth.ts")?.symbols).toEqual(["login"]);
    expect(first.get("A-none")?.size).toBe(0);
    await read();
    expect(reads()).toBe(1);
    clock.advance(1_000);
    await read();
    expect(reads()).toBe(2);
  });

  it("reads again an entry older than the caller's window of edits, even within its time to live", async () => {
    const clock = new ManualClock();
    const { store, reads } = countingStore();
    await seed(store, ["A-1"]);
    const cache = new AnnouncedSymbolsCache(clock, { ttlMs: 15_000 });
    const read = (windowMs: number) =>
      store.transaction((tx) => cache.read(tx, "default", ["A-1"], clock.now() - windowMs));
    await read(60_000);
    clock.advance(2_000);
    await read(60_000);
    expect(reads()).toBe(1);
    await read(1_000);
    expect(reads()).toBe(2);
  });

  it("reads again what this instance invalidated", async () => {
    const clock = new ManualClock();
    const { store, reads } = countingStore();
    await seed(store, ["A-1"]);
    const cache = new AnnouncedSymbolsCache(clock, { ttlMs: 60_000 });
    await store.transaction((tx) => cache.read(tx, "default", ["A-1"], clock.now() - 60_000));
    cache.invalidate("default", ["A-1"]);
    await store.transaction((tx) => cache.read(tx, "default", ["A-1"], clock.now() - 60_000));
    expect(reads()).toBe(2);
  });

  it("holds at most maxEntries, dropping the least recently used", async () => {
    const clock = new ManualClock();
    const { store, reads } = countingStore();
    await seed(store, ["A-1", "A-2", "A-3"]);
    const cache = new AnnouncedSymbolsCache(clock, { ttlMs: 60_000, maxEntries: 2 });
    const read = (id: string) =>
      store.transaction((tx) => cache.read(tx, "default", [id], clock.now() - 60_000));
    await read("A-1");
    await read("A-2");
    await read("A-1"); // A-1 is now the most recent
    await read("A-3"); // evicts A-2
    expect(cache.size).toBe(2);
    expect(reads()).toBe(3);
    await read("A-1");
    expect(reads()).toBe(3);
    await read("A-2");
    expect(reads()).toBe(4);
  });
});
