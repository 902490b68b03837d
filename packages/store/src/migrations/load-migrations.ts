import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { StoreError } from "../errors.js";

export type Dialect = "sqlite" | "postgres";

/** One drizzle-kit migration: version N is journal entry N - 1. */
export interface Migration {
  readonly version: number;
  readonly tag: string;
  readonly sql: string;
}

interface Journal {
  readonly entries: readonly { readonly idx: number; readonly tag: string }[];
}

/**
 * The folder drizzle-kit generated (drizzle/<dialect>), shipped in the package next to dist/. Found by
 * walking up from this module, so it works from src/ (tests) and from the bundled dist/ alike.
 */
export function findMigrationsFolder(dialect: Dialect): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = join(dir, "drizzle", dialect);
    if (existsSync(join(candidate, "meta", "_journal.json"))) return candidate;
    dir = dirname(dir);
  }
  throw new StoreError(
    "STORE_MIGRATIONS_MISSING",
    `The ${dialect} migrations (drizzle/${dialect}/meta/_journal.json) are missing from the @mcp-coordinator/store package; reinstall it.`,
  );
}

export function loadMigrations(dialect: Dialect, folder?: string): Migration[] {
  const root = resolve(folder ?? findMigrationsFolder(dialect));
  const journalPath = join(root, "meta", "_journal.json");
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(journalPath, "utf8")) as Journal;
  } catch (error) {
    throw new StoreError("STORE_MIGRATIONS_MISSING", `Cannot read ${journalPath}: ${reason(error)}.`, {
      path: journalPath,
    });
  }
  const entries = [...journal.entries].sort((a, b) => a.idx - b.idx);
  return entries.map((entry, position) => {
    if (entry.idx !== position) {
      throw new StoreError("STORE_MIGRATIONS_MISSING", `${journalPath} skips migration ${position}.`);
    }
    const file = join(root, `${entry.tag}.sql`);
    try {
      return { version: entry.idx + 1, tag: entry.tag, sql: readFileSync(file, "utf8") };
    } catch (error) {
      throw new StoreError("STORE_MIGRATIONS_MISSING", `Cannot read ${file}: ${reason(error)}.`, {
        path: file,
      });
    }
  });
}

/** drizzle-kit separates statements with this marker; the drivers want them one at a time or joined. */
export function splitStatements(sql: string): string[] {
  return sql
    .split("--> statement-breakpoint")
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/**
 * Decides what to apply given the versions recorded in the database. Pure, so both dialects share the
 * refusal rules: a newer database is refused naming both versions, a history that disagrees on a tag
 * is refused, anything else applies the missing tail in order.
 */
export function planMigrations(
  available: readonly Migration[],
  applied: readonly { readonly version: number; readonly tag: string }[],
  where: string,
): Migration[] {
  const codeVersion = available.length;
  const dbVersion = applied.reduce((max, row) => Math.max(max, row.version), 0);
  if (dbVersion > codeVersion) {
    throw new StoreError(
      "STORE_SCHEMA_TOO_NEW",
      `The database at ${where} has schema version ${dbVersion}, newer than this build supports (${codeVersion}); upgrade mcp-coordinator or point it at another database.`,
      { dbVersion, codeVersion, where },
    );
  }
  for (const row of applied) {
    const shipped = available[row.version - 1];
    if (shipped && shipped.tag !== row.tag) {
      throw new StoreError(
        "STORE_SCHEMA_MISMATCH",
        `The database at ${where} recorded migration ${row.version} as ${row.tag}, but this build ships ${shipped.tag}; it was created by an incompatible build.`,
        { version: row.version, dbTag: row.tag, codeTag: shipped.tag, where },
      );
    }
  }
  return available.slice(dbVersion);
}

export function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
}
