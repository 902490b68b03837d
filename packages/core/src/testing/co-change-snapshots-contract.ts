import { afterEach, describe, expect, it } from "vitest";
import type { CoChangePair } from "../model/co-change.js";
import type { CoChangeSnapshotInput, CoChangeSnapshotStore } from "../ports/co-change-snapshots.js";

const pair = (file: string, partner: string, together: number, fileCommits: number): CoChangePair => ({
  file,
  partner,
  together,
  fileCommits,
  strength: together / fileCommits,
});

function snapshot(repo: string, overrides: Partial<CoChangeSnapshotInput> = {}): CoChangeSnapshotInput {
  return {
    repo,
    builtAt: 1_000,
    commitsScanned: 40,
    commitsSkipped: 2,
    pairs: [
      pair("src/a.ts", "src/b.ts", 9, 10),
      pair("src/a.ts", "src/c.ts", 3, 10),
      pair("src/b.ts", "src/a.ts", 9, 12),
    ],
    ...overrides,
  };
}

/**
 * What every CoChangeSnapshotStore must do. `open()` returns a store over a fresh, empty place each time;
 * `close` releases it.
 */
export function runCoChangeSnapshotsContract(
  name: string,
  open: () => Promise<{ snapshots: CoChangeSnapshotStore; close: () => Promise<void> }>,
): void {
  describe(`CoChangeSnapshotStore contract: ${name}`, () => {
    const closers: (() => Promise<void>)[] = [];
    const fresh = async () => {
      const opened = await open();
      closers.push(opened.close);
      return opened.snapshots;
    };
    afterEach(async () => {
      await Promise.all(closers.splice(0).map((close) => close()));
    });

    it("returns what was saved, pairs in order, as version 1", async () => {
      const snapshots = await fresh();
      expect(await snapshots.latest("/repo")).toBeNull();
      expect(await snapshots.save(snapshot("/repo"))).toBe(1);
      expect(await snapshots.latest("/repo")).toEqual({ ...snapshot("/repo"), version: 1 });
    });

    it("replaces the result with each later scan and counts the versions up", async () => {
      const snapshots = await fresh();
      await snapshots.save(snapshot("/repo"));
      const later = snapshot("/repo", { builtAt: 2_000, commitsScanned: 41, pairs: [pair("x", "y", 2, 2)] });
      expect(await snapshots.save(later)).toBe(2);
      expect(await snapshots.latest("/repo")).toEqual({ ...later, version: 2 });
    });

    it("answers only when the stored version is above the one asked after", async () => {
      const snapshots = await fresh();
      await snapshots.save(snapshot("/repo"));
      expect(await snapshots.latest("/repo", 1)).toBeNull();
      await snapshots.save(snapshot("/repo", { builtAt: 3_000 }));
      expect((await snapshots.latest("/repo", 1))?.version).toBe(2);
    });

    it("refuses a result built before the stored one: a slow former leader cannot roll it back", async () => {
      const snapshots = await fresh();
      await snapshots.save(snapshot("/repo", { builtAt: 5_000 }));
      expect(await snapshots.save(snapshot("/repo", { builtAt: 4_000, commitsScanned: 1 }))).toBeNull();
      expect(await snapshots.latest("/repo")).toMatchObject({
        version: 1,
        builtAt: 5_000,
        commitsScanned: 40,
      });
    });

    it("keeps one result per repository", async () => {
      const snapshots = await fresh();
      await snapshots.save(snapshot("/one"));
      await snapshots.save(snapshot("/two", { pairs: [] }));
      expect((await snapshots.latest("/one"))?.pairs).toHaveLength(3);
      expect(await snapshots.latest("/two")).toMatchObject({ version: 1, pairs: [] });
    });
  });
}
