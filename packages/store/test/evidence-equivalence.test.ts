import type { EvidenceQuery, Store } from "@mcp-coordinator/core";
import {
  activityFixture,
  agentFixture,
  announcementFixture,
  claimFixture,
  MemoryStore,
} from "@mcp-coordinator/core/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { createSqliteStore } from "../src/sqlite/index.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

// Small alphabets so random rows collide: shared paths, nested and look-alike modules.
const agentId = fc.constantFrom("a", "b", "c", "d", "me");
const path = fc.constantFrom("src/a.ts", "src/b.ts", "src/auth/x.ts", "lib/c.ts");
const moduleName = fc.constantFrom("src", "src/auth", "src/auth/jwt", "src/authz", "lib", "lib/util");
const instant = fc.integer({ min: 0, max: 20 });

const world = fc.record({
  agents: fc.uniqueArray(
    fc.record({ id: agentId, online: fc.boolean(), modules: fc.uniqueArray(moduleName, { maxLength: 2 }) }),
    { selector: (a) => a.id },
  ),
  announcements: fc.array(
    fc.record({
      agentId,
      targetFiles: fc.uniqueArray(path, { maxLength: 2 }),
      dependsOnFiles: fc.uniqueArray(path, { maxLength: 1 }),
      targetModules: fc.uniqueArray(moduleName, { maxLength: 2 }),
      createdAt: instant,
      expiresAt: instant,
      released: fc.boolean(),
    }),
    { maxLength: 8 },
  ),
  activity: fc.array(fc.record({ agentId, path, at: instant }), { maxLength: 8 }),
  claims: fc.uniqueArray(fc.record({ agentId, path, expiresAt: instant }), {
    selector: (c) => `${c.agentId}:${c.path}`,
    maxLength: 6,
  }),
  query: fc.record({
    files: fc.uniqueArray(path, { maxLength: 3 }),
    modules: fc.uniqueArray(moduleName, { maxLength: 2 }),
    activitySince: instant,
    now: instant,
  }),
});

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

async function load(store: Store, w: World): Promise<void> {
  await store.transaction(async (tx) => {
    for (const a of w.agents) {
      await tx.putAgent(
        agentFixture({ id: a.id, status: a.online ? "online" : "offline", modules: a.modules }),
      );
    }
    for (const [i, a] of w.announcements.entries()) {
      await tx.putAnnouncement(
        announcementFixture({
          id: `A-${i}`,
          agentId: a.agentId,
          targetFiles: a.targetFiles,
          dependsOnFiles: a.dependsOnFiles,
          targetModules: a.targetModules,
          createdAt: a.createdAt,
          expiresAt: a.expiresAt,
          releasedAt: a.released ? 1 : null,
        }),
      );
    }
    for (const [i, a] of w.activity.entries()) {
      await tx.appendFileActivity(
        activityFixture({ id: `F-${i}`, agentId: a.agentId, path: a.path, at: a.at }),
      );
    }
    await tx.putClaims(
      w.claims.map((c) => claimFixture({ agentId: c.agentId, path: c.path, expiresAt: c.expiresAt })),
    );
  });
}

interface Dialect {
  readonly make: () => Promise<Store>;
  readonly cleanup?: (s: Store) => Promise<void>;
  /** Ask once before the world is written, so that a SQLite index is kept up to date by the writes. */
  readonly askFirst?: boolean;
  readonly runs: number;
}

const sqlite = (evidenceIndex: boolean) => () => createSqliteStore({ path: ":memory:", evidenceIndex });
const dialects: [string, Dialect][] = [
  ["sqlite (the tables)", { make: sqlite(false), runs: 150 }],
  ["sqlite (index built from the tables)", { make: sqlite(true), runs: 150 }],
  ["sqlite (index kept by the writes)", { make: sqlite(true), askFirst: true, runs: 150 }],
  [
    "postgres",
    {
      make: () =>
        createPostgresStore({ connectionString: PG_URL, schema: freshSchemaName("evidence"), max: 2 }),
      cleanup: (s) => dropSchema((s as PostgresStore).schema),
      runs: 25,
    },
  ],
];

describe.each(dialects)("collectEvidence on %s", (_name, dialect) => {
  it("answers exactly what the in-memory conflict index answers, on random worlds", async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const memory = new MemoryStore();
        const store = await dialect.make();
        try {
          const query: EvidenceQuery = { orgId: "default", excludeAgentId: "me", ...w.query };
          if (dialect.askFirst) await store.transaction((tx) => tx.collectEvidence(query));
          await load(memory, w);
          await load(store, w);
          const expected = await memory.transaction((tx) => tx.collectEvidence(query));
          const actual = await store.transaction((tx) => tx.collectEvidence(query));
          expect(actual).toEqual(expected);
        } finally {
          await store.close();
          await dialect.cleanup?.(store);
        }
      }),
      { numRuns: dialect.runs },
    );
  }, 120_000);
});
