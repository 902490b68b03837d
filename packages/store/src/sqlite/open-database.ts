import { chmodSync, closeSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { StoreError } from "../errors.js";
import { reason } from "../migrations/load-migrations.js";

export const MEMORY = ":memory:";
/** What a WAL is truncated back to after a complete checkpoint (see openDatabase). */
export const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

export interface OpenSettings {
  readonly path: string;
  readonly busyTimeoutMs: number;
  readonly synchronous: "normal" | "full";
}

/**
 * Opens (creating when missing) the database with the settings every connection needs. A file that is
 * not a readable SQLite database is refused with one line naming it: never recreated, never a stack.
 */
export function openDatabase(settings: OpenSettings): Database.Database {
  const memory = settings.path === MEMORY;
  const path = memory ? MEMORY : resolve(settings.path);
  if (!memory) prepareFile(path);
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    // Reading the schema forces SQLite to parse the header: a foreign or corrupt file fails here.
    db.prepare("SELECT count(*) FROM sqlite_master").get();
    // Pages past the header can be corrupt while the schema reads fine: the server would report ready
    // and then fail every call. quick_check (O(pages), no index cross-check; about 1 s per GB here) runs
    // before anything writes, WAL switch included, so a corrupt file is refused and left untouched.
    if (!memory) checkPages(db);
    db.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
    db.pragma("foreign_keys = ON");
    if (!memory) {
      const mode = db.pragma("journal_mode = WAL", { simple: true });
      if (mode !== "wal") throw new Error(`could not switch to WAL (journal_mode is ${String(mode)})`);
      // Checkpoints run from a timer between transactions (see sqlite-store.ts), never inside a commit.
      db.pragma("wal_autocheckpoint = 0");
      // A checkpoint lets the WAL be rewritten from its start but never shrinks the file: one burst left
      // a WAL of tens of MB for good. With a size limit, the first commit after a complete checkpoint
      // truncates it back to this.
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
      db.pragma(`synchronous = ${settings.synchronous.toUpperCase()}`);
    }
    return db;
  } catch (error) {
    db?.close();
    throw unreadable(path, error);
  }
}

function checkPages(db: Database.Database): void {
  const verdict = db.pragma("quick_check(1)", { simple: true });
  if (verdict !== "ok") {
    throw Object.assign(new Error(`quick_check: ${String(verdict)}`), { code: "SQLITE_CORRUPT" });
  }
}

function prepareFile(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // The WAL and shared-memory files SQLite creates take the database file's mode.
    closeSync(openSync(path, "a", 0o600));
    if ((statSync(path).mode & 0o777) !== 0o600) chmodSync(path, 0o600);
  } catch (error) {
    throw unreadable(path, error);
  }
}

export function unreadable(path: string, error: unknown): StoreError {
  const code = (error as { code?: string }).code;
  const why =
    code === "SQLITE_NOTADB"
      ? "the file is not a SQLite database"
      : code === "SQLITE_CORRUPT"
        ? "the database file is corrupt"
        : reason(error);
  return new StoreError(
    "STORE_UNREADABLE",
    `Cannot open the SQLite database at ${path}: ${why}. Move it aside or point the store at another path; it was not modified.`,
    { path, cause: code ?? null },
  );
}
