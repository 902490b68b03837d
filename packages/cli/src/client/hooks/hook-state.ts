import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Small per-agent state that one hook process leaves for the next (each hook is its own process):
 * a warning waiting for a place the model reads, the time an opaque shell command started, whether the
 * session was registered. Files under the temp dir, keyed by a hash; losing one only loses a nicety.
 */
const DIR = join(tmpdir(), "mcp-coordinator-hooks", "state");

function file(key: string): string {
  return join(DIR, createHash("sha256").update(key).digest("hex").slice(0, 24));
}

export function putState(key: string, value: string): void {
  try {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file(key), value);
  } catch {
    // the next hook goes without it
  }
}

export function readState(key: string): string | null {
  try {
    return readFileSync(file(key), "utf8");
  } catch {
    return null;
  }
}

/** Reads and removes: a message waiting for the model is delivered once. */
export function takeState(key: string): string | null {
  const value = readState(key);
  if (value !== null) rmSync(file(key), { force: true });
  return value;
}

/** Adds a line to a waiting message. */
export function appendState(key: string, line: string): void {
  const before = readState(key);
  putState(key, before ? `${before}\n${line}` : line);
}
