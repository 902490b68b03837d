import { randomUUID } from "node:crypto";
import { link, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { TokenError } from "../errors.js";
import type { RefreshLock } from "../tokens/token-manager.js";

export interface FileLockOptions {
  /** The lock file, e.g. next to the token file. */
  readonly path: string;
  /** A lock older than this is taken over even if its process seems alive. Default 30 s. */
  readonly staleMs?: number;
  /** Give up (LOCK_TIMEOUT) after waiting this long. Default 60 s. */
  readonly timeoutMs?: number;
  /** Poll interval while waiting. Default 25 ms. */
  readonly pollMs?: number;
}

interface LockBody {
  readonly pid: number;
  readonly host: string;
  readonly nonce: string;
  readonly at: number;
}

/**
 * A lock across processes: the file is created with O_EXCL (`wx`), which exactly one creator wins
 * (POSIX open(2)). A lock whose holder died (same host, no such pid) or that is older than `staleMs`
 * is stale: a waiter renames it aside (atomic, so only one waiter takes it), checks it took the stale
 * one it saw (the nonce), and tries again. Release removes the file only while it still holds our nonce.
 */
export function createFileLock(options: FileLockOptions): RefreshLock {
  const staleMs = options.staleMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollMs = options.pollMs ?? 25;
  for (const [field, value] of [
    ["staleMs", staleMs],
    ["timeoutMs", timeoutMs],
    ["pollMs", pollMs],
  ] as const) {
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${field} must be a positive number.`);
  }

  async function acquire(): Promise<string> {
    const nonce = randomUUID();
    const body: LockBody = { pid: process.pid, host: hostname(), nonce, at: Date.now() };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const handle = await open(options.path, "wx", 0o600);
        try {
          await handle.writeFile(JSON.stringify(body));
        } finally {
          await handle.close();
        }
        return nonce;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      await takeOverIfStale();
      if (Date.now() > deadline) {
        throw new TokenError({
          code: "LOCK_TIMEOUT",
          message: `Another process holds ${options.path} for more than ${timeoutMs} ms.`,
          details: { path: options.path },
        });
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  async function takeOverIfStale(): Promise<void> {
    const held = await readLock(options.path);
    if (held === null || !isStale(held, staleMs)) return;
    const aside = `${options.path}.stale-${randomUUID()}`;
    try {
      await rename(options.path, aside);
    } catch {
      return; // another waiter took it first
    }
    const taken = await readLock(aside);
    if (taken !== null && taken.nonce !== held.nonce) {
      // Between our read and our rename the stale lock was replaced by a live one: put it back.
      await link(aside, options.path).catch(() => {});
    }
    await unlink(aside).catch(() => {});
  }

  async function release(nonce: string): Promise<void> {
    const held = await readLock(options.path);
    if (held?.nonce === nonce) await unlink(options.path).catch(() => {});
  }

  return {
    async withLock(fn) {
      const nonce = await acquire();
      try {
        return await fn();
      } finally {
        await release(nonce);
      }
    },
  };
}

/**
 * What a lock file says, or null when there is none. A file its creator never filled (it died between
 * create and write) is described by its mtime, so it too turns stale after `staleMs`.
 */
async function readLock(path: string): Promise<LockBody | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockBody>;
    if (typeof parsed.nonce === "string" && typeof parsed.pid === "number" && typeof parsed.at === "number") {
      return parsed as LockBody;
    }
  } catch {}
  const mtime = await stat(path).then(
    (s) => s.mtimeMs,
    () => null,
  );
  return mtime === null ? null : { pid: -1, host: "", nonce: `unreadable@${mtime}`, at: mtime };
}

function isStale(lock: LockBody, staleMs: number): boolean {
  if (Date.now() - lock.at > staleMs) return true;
  if (lock.host !== hostname()) return false;
  try {
    process.kill(lock.pid, 0); // signal 0: existence check only (kill(2))
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
