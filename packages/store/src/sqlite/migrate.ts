import type Database from "better-sqlite3";
import { loadMigrations, planMigrations } from "../migrations/load-migrations.js";

/**
 * Brings the schema up to date in one IMMEDIATE transaction: concurrent openers wait on the write lock,
 * then see the recorded versions and apply nothing twice.
 */
export function migrateSqlite(db: Database.Database, where: string, folder?: string): number {
  const available = loadMigrations("sqlite", folder);
  const apply = db.transaction(() => {
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_migrations'")
      .get();
    const applied = hasTable
      ? (db.prepare("SELECT version, tag FROM store_migrations").all() as { version: number; tag: string }[])
      : [];
    const pending = planMigrations(available, applied, where);
    for (const migration of pending) {
      db.exec(migration.sql);
      db.prepare("INSERT INTO store_migrations (version, tag, applied_at) VALUES (?, ?, ?)").run(
        migration.version,
        migration.tag,
        Date.now(),
      );
    }
    return available.length;
  });
  return apply.immediate();
}
