import { closeSync, openSync, writeSync } from "node:fs";
import Database from "better-sqlite3";

/**
 * Smashes a table's leaf pages in a SQLite file that a store holds open, the way a failing disk would.
 * Another connection writes first (so the store drops its page cache at its next transaction, as after
 * any foreign write) and checkpoints everything into the file; then the pages are overwritten on disk.
 * Returns how many pages were smashed (a test wants more than one, so a lookup cannot miss them all).
 */
export function corruptSqliteTable(path: string, table: string): number {
  const raw = new Database(path);
  raw.exec("CREATE TABLE IF NOT EXISTS outside_write (x)");
  raw.pragma("wal_checkpoint(TRUNCATE)");
  const pageSize = raw.pragma("page_size", { simple: true }) as number;
  const pages = raw
    .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'")
    .pluck()
    .all(table) as number[];
  raw.close();
  const fd = openSync(path, "r+");
  try {
    for (const page of pages) writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
  return pages.length;
}
