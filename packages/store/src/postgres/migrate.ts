import type { PoolClient } from "pg";
import { loadMigrations, planMigrations } from "../migrations/load-migrations.js";

const MIGRATION_LOCK = 0x6d63_706d;

/**
 * Applies pending migrations in one transaction under an advisory lock, so several coordinator
 * instances booting together migrate once and the others wait, then find nothing to do.
 */
export async function migratePostgres(
  client: PoolClient,
  schema: string,
  where: string,
  folder?: string,
): Promise<number> {
  const available = loadMigrations("postgres", folder);
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [MIGRATION_LOCK, schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    const exists = await client.query<{ present: boolean }>("SELECT to_regclass($1) IS NOT NULL AS present", [
      `${quoteIdent(schema)}.store_migrations`,
    ]);
    const applied = exists.rows[0]?.present
      ? (await client.query<{ version: number; tag: string }>("SELECT version, tag FROM store_migrations"))
          .rows
      : [];
    for (const migration of planMigrations(available, applied, where)) {
      await client.query(unqualified(migration.sql));
      await client.query("INSERT INTO store_migrations (version, tag, applied_at) VALUES ($1, $2, $3)", [
        migration.version,
        migration.tag,
        Date.now(),
      ]);
    }
    await client.query("COMMIT");
    return available.length;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * drizzle-kit qualifies foreign-key targets with "public"; the store applies every migration inside its
 * configured schema (search_path), so the qualifier is dropped.
 */
export function unqualified(sql: string): string {
  return sql.replaceAll('REFERENCES "public".', "REFERENCES ");
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
