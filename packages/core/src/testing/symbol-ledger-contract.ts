import { describe, expect, it } from "vitest";
import type { Store } from "../ports/store.js";
import type { AnnouncedSymbols, FootprintsByPath } from "../ports/symbol-ledger.js";

const footprints = (entries: Record<string, readonly string[]>, sharedIn: readonly string[] = []) =>
  new Map(
    Object.entries(entries).map(([path, symbols]) => [
      path,
      { symbols: [...symbols], sharedState: sharedIn.includes(path) },
    ]),
  ) as FootprintsByPath;

function announcedFixture(overrides: Partial<AnnouncedSymbols> = {}): AnnouncedSymbols {
  return {
    orgId: "default",
    announcementId: "A-1",
    agentId: "alice",
    expiresAt: 10_000,
    footprints: footprints({ "src/auth.ts": ["login", "Session.refresh"] }),
    ...overrides,
  };
}

const plain = (map: ReadonlyMap<string, FootprintsByPath>) =>
  Object.fromEntries([...map].map(([id, byPath]) => [id, Object.fromEntries(byPath)]));

/** The symbol ledger, part of the Store contract: per org, transactional, pruned by time. */
export function symbolLedgerContract(store: () => Store): void {
  describe("symbol ledger", () => {
    it("keeps what an announcement named per file and answers only for the announcements asked", async () => {
      await store().transaction(async (tx) => {
        await tx.symbols.setAnnounced(
          announcedFixture({
            footprints: footprints({ "src/auth.ts": ["Session.refresh", "login"], "src/db.ts": [] }, [
              "src/db.ts",
            ]),
          }),
        );
        await tx.symbols.setAnnounced(announcedFixture({ announcementId: "A-2", agentId: "bob" }));
      });
      const read = await store().transaction((tx) => tx.symbols.announced("default", ["A-1", "A-unknown"]));
      expect(plain(read)).toEqual({
        "A-1": {
          "src/auth.ts": { symbols: ["Session.refresh", "login"], sharedState: false },
          "src/db.ts": { symbols: [], sharedState: true },
        },
      });
    });

    it("replaces an announcement's symbols, and an empty map forgets them", async () => {
      await store().transaction((tx) => tx.symbols.setAnnounced(announcedFixture()));
      await store().transaction((tx) =>
        tx.symbols.setAnnounced(announcedFixture({ footprints: footprints({ "src/ui.ts": ["render"] }) })),
      );
      const replaced = await store().transaction((tx) => tx.symbols.announced("default", ["A-1"]));
      expect(plain(replaced)).toEqual({
        "A-1": { "src/ui.ts": { symbols: ["render"], sharedState: false } },
      });
      await store().transaction((tx) => tx.symbols.setAnnounced(announcedFixture({ footprints: new Map() })));
      expect((await store().transaction((tx) => tx.symbols.announced("default", ["A-1"]))).size).toBe(0);
    });

    it("keeps orgs apart", async () => {
      await store().transaction(async (tx) => {
        await tx.symbols.setAnnounced(announcedFixture({ orgId: "acme" }));
        await tx.symbols.recordEdit({
          orgId: "acme",
          agentId: "alice",
          path: "src/auth.ts",
          footprint: { symbols: ["login"], sharedState: false },
          at: 1_000,
        });
      });
      const seen = await store().transaction(async (tx) => ({
        announced: await tx.symbols.announced("default", ["A-1"]),
        edited: await tx.symbols.edited("default", ["src/auth.ts"], 0),
      }));
      expect(seen.announced.size).toBe(0);
      expect(seen.edited).toEqual([]);
    });

    it("answers the union of an agent's edits of a file since an instant, per agent and path", async () => {
      const edit = (agentId: string, path: string, symbols: string[], at: number, sharedState = false) =>
        store().transaction((tx) =>
          tx.symbols.recordEdit({ orgId: "default", agentId, path, footprint: { symbols, sharedState }, at }),
        );
      await edit("alice", "src/auth.ts", ["logout"], 1_000, true);
      await edit("alice", "src/auth.ts", ["login"], 5_000);
      await edit("alice", "src/auth.ts", ["login", "Session"], 6_000);
      await edit("bob", "src/auth.ts", ["register"], 7_000);
      await edit("bob", "src/other.ts", ["x"], 7_000);
      // An edit reported late (another instance) never moves a symbol's latest time back.
      await edit("alice", "src/auth.ts", ["login"], 2_000);

      const since = (at: number) =>
        store().transaction((tx) => tx.symbols.edited("default", ["src/auth.ts", "src/none.ts"], at));
      expect(await since(0)).toEqual([
        {
          agentId: "alice",
          path: "src/auth.ts",
          footprint: { symbols: ["Session", "login", "logout"], sharedState: true },
        },
        { agentId: "bob", path: "src/auth.ts", footprint: { symbols: ["register"], sharedState: false } },
      ]);
      expect(await since(5_000)).toEqual([
        {
          agentId: "alice",
          path: "src/auth.ts",
          footprint: { symbols: ["Session", "login"], sharedState: false },
        },
        { agentId: "bob", path: "src/auth.ts", footprint: { symbols: ["register"], sharedState: false } },
      ]);
      expect(await since(7_001)).toEqual([]);
    });

    it("forgets released announcements, and everything of an agent that went offline", async () => {
      await store().transaction(async (tx) => {
        await tx.symbols.setAnnounced(announcedFixture({ announcementId: "A-1" }));
        await tx.symbols.setAnnounced(announcedFixture({ announcementId: "A-2" }));
        await tx.symbols.setAnnounced(announcedFixture({ announcementId: "A-3", agentId: "bob" }));
        for (const agentId of ["alice", "bob"]) {
          await tx.symbols.recordEdit({
            orgId: "default",
            agentId,
            path: "src/auth.ts",
            footprint: { symbols: ["login"], sharedState: false },
            at: 1_000,
          });
        }
      });
      await store().transaction((tx) => tx.symbols.forgetAnnounced("default", ["A-1"]));
      expect([
        ...(await store().transaction((tx) => tx.symbols.announced("default", ["A-1", "A-2", "A-3"]))).keys(),
      ]).toEqual(["A-2", "A-3"]);

      await store().transaction((tx) => tx.symbols.forgetAgent("default", "alice"));
      const left = await store().transaction(async (tx) => ({
        announced: [...(await tx.symbols.announced("default", ["A-2", "A-3"])).keys()],
        editors: (await tx.symbols.edited("default", ["src/auth.ts"], 0)).map((e) => e.agentId),
      }));
      expect(left).toEqual({ announced: ["A-3"], editors: ["bob"] });
    });

    it("prunes symbols of expired announcements and edits past the window, in every org", async () => {
      await store().transaction(async (tx) => {
        await tx.symbols.setAnnounced(announcedFixture({ announcementId: "A-old", expiresAt: 2_000 }));
        await tx.symbols.setAnnounced(announcedFixture({ announcementId: "A-new", expiresAt: 9_000 }));
        await tx.symbols.setAnnounced(
          announcedFixture({ orgId: "acme", announcementId: "A-old", expiresAt: 2_000 }),
        );
        for (const [agentId, at] of [
          ["alice", 1_000],
          ["bob", 4_000],
        ] as const) {
          await tx.symbols.recordEdit({
            orgId: "default",
            agentId,
            path: "src/auth.ts",
            footprint: { symbols: ["login"], sharedState: true },
            at,
          });
        }
      });
      // Two announcements of one file each, and alice's two edit rows (login and the module state).
      expect(await store().transaction((tx) => tx.symbols.prune(2_000, 3_000))).toBe(4);
      const left = await store().transaction(async (tx) => ({
        default: [...(await tx.symbols.announced("default", ["A-old", "A-new"])).keys()],
        acme: [...(await tx.symbols.announced("acme", ["A-old"])).keys()],
        editors: (await tx.symbols.edited("default", ["src/auth.ts"], 0)).map((e) => e.agentId),
      }));
      expect(left).toEqual({ default: ["A-new"], acme: [], editors: ["bob"] });
    });

    it("rolls ledger writes back with the transaction", async () => {
      await store().transaction((tx) => tx.symbols.setAnnounced(announcedFixture()));
      const failed = store().transaction(async (tx) => {
        await tx.symbols.setAnnounced(announcedFixture({ footprints: footprints({ "src/x.ts": ["y"] }) }));
        await tx.symbols.forgetAgent("default", "alice");
        await tx.symbols.recordEdit({
          orgId: "default",
          agentId: "alice",
          path: "src/auth.ts",
          footprint: { symbols: ["login"], sharedState: false },
          at: 1_000,
        });
        throw new Error("boom");
      });
      await expect(failed).rejects.toThrow("boom");
      const state = await store().transaction(async (tx) => ({
        announced: plain(await tx.symbols.announced("default", ["A-1"])),
        edited: await tx.symbols.edited("default", ["src/auth.ts"], 0),
      }));
      expect(state).toEqual({
        announced: {
          "A-1": { "src/auth.ts": { symbols: ["Session.refresh", "login"], sharedState: false } },
        },
        edited: [],
      });
    });
  });
}
