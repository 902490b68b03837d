import { join } from "node:path";
import type { Store } from "@mcp-coordinator/core";
import pg from "pg";
import { tempDir } from "./helpers.js";

const PG_ADMIN = process.env.MCPC_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** One fresh database of a kind: the settings a server needs to use it, and a second way in. */
export interface FreshDatabase {
  /** Settings for startServer: env and data dir that select this database. */
  readonly env: Record<string, string>;
  readonly dataDir: string;
  /** The same database opened again, as another instance or the admin verbs would open it. */
  openAgain(): Promise<Store>;
  drop(): Promise<void>;
}

export interface StoreKind {
  readonly name: "SQLite" | "PostgreSQL";
  fresh(): Promise<FreshDatabase>;
}

let counter = 0;

async function pgAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The two stores a team can run on, each as a fresh empty database per call: for `describe.each`. */
export const STORE_KINDS: readonly StoreKind[] = [
  {
    name: "SQLite",
    fresh: async () => {
      const dataDir = tempDir("kinds-");
      return {
        env: {},
        dataDir,
        openAgain: async () => {
          const { createSqliteStore } = await import("@mcp-coordinator/store/sqlite");
          return createSqliteStore({ path: join(dataDir, "coordinator.db") });
        },
        drop: async () => {},
      };
    },
  },
  {
    name: "PostgreSQL",
    fresh: async () => {
      counter += 1;
      const database = `mcpc_kinds_${process.pid}_${Date.now()}_${counter}`;
      const url = PG_ADMIN.replace(/\/[^/]*$/, `/${database}`);
      await pgAdmin(`CREATE DATABASE ${database}`);
      return {
        env: { COORDINATOR_DATABASE_URL: url },
        dataDir: tempDir("kinds-"),
        openAgain: async () => {
          const { createPostgresStore } = await import("@mcp-coordinator/store/postgres");
          return createPostgresStore({ connectionString: url });
        },
        drop: () => pgAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
      };
    },
  },
];
