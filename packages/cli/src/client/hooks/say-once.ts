import { createHash } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DIR = join(tmpdir(), "mcp-coordinator-hooks");

function marker(key: string): string {
  return join(DIR, createHash("sha256").update(key).digest("hex").slice(0, 24));
}

/**
 * True the first time `key` is said (until `forget`): hooks are separate processes, so "once" is a
 * marker file. A failure to write it errs on the side of saying it again.
 */
export function firstTime(key: string): boolean {
  const file = marker(key);
  if (existsSync(file)) return false;
  try {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, `${new Date().toISOString()}\n`);
  } catch {
    // say it again next time rather than never
  }
  return true;
}

export function forget(key: string): void {
  const file = marker(key);
  if (existsSync(file)) rmSync(file, { force: true });
}
