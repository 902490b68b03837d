import { execFile } from "node:child_process";
import type {
  CoChangePair,
  CoChangeSnapshotInput,
  CoChangeSnapshotStore,
  CoChangeSource,
  CoChangeStatus,
} from "@mcp-coordinator/core";
import { indexFromSnapshot, pairsOf } from "./co-change-snapshot.js";
import { type CoChangeIndex, computeCoChange, parseGitLog } from "./compute-co-change.js";
import { compileDenylist, DEFAULT_DENYLIST } from "./glob-to-regexp.js";

export type RunGit = (
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; signal: AbortSignal },
) => Promise<string>;

/** Several instances on one store: the lease holder scans and stores, every instance scores from the store. */
export interface SharedCoChange {
  readonly snapshots: CoChangeSnapshotStore;
  /** The repository's key in the store: the repo root, the same on every instance. */
  readonly repo: string;
  /** Asked before a due scan: true on the instance holding the leader lease. */
  readonly lead: () => Promise<boolean>;
  /** How often the stored version is checked (one indexed row) and a follower asks for the lease. */
  readonly pollMs: number;
}

export interface GitCoChangeOptions {
  readonly repoRoot: string;
  readonly sinceDays: number;
  readonly maxCommits: number;
  readonly maxFilesPerCommit: number;
  /** Appended to DEFAULT_DENYLIST. */
  readonly denylist?: readonly string[];
  readonly refreshIntervalMs: number;
  /** Retry delay after a failed or timed-out scan. */
  readonly retryMs: number;
  readonly timeoutMs: number;
  readonly now?: () => number;
  readonly log?: (level: "debug" | "info" | "warn", message: string, data?: Record<string, unknown>) => void;
  /** Share the scan through the store; without it this instance scans for itself (and keeps it in memory). */
  readonly shared?: SharedCoChange;
  /** Test seam; default runs the `git` binary. */
  readonly runGit?: RunGit;
}

/**
 * Layer 4: co-change pairs from `git log`, built in the background and refreshed on an interval. Until the
 * first scan finishes, and whenever the repository cannot be read (no git, not a repository, a shallow
 * clone), the layer reports itself unavailable with the reason; scoring then simply skips it.
 *
 * Shared (`options.shared`): every poll first loads a newer stored result (whoever built it), then, on the
 * lease holder only and once the stored result is older than the refresh interval, scans and stores. So
 * `git log` runs on one instance at a time and all of them score from the same pairs; a new leader scans
 * only when the last stored scan is due.
 */
const PENDING = "building co-change pairs from git log";

export class GitCoChangeSource implements CoChangeSource {
  readonly #options: GitCoChangeOptions;
  readonly #isDenied: (path: string) => boolean;
  readonly #runGit: RunGit;
  readonly #now: () => number;
  #index: CoChangeIndex | null = null;
  #builtAt: number | null = null;
  #reason: string | null = PENDING;
  #timer: NodeJS.Timeout | null = null;
  #abort = new AbortController();
  #running: Promise<void> | null = null;
  #stopped = false;
  /** Shared mode: the stored version this instance scores from (0: none yet). */
  #version = 0;
  /** Shared mode: this instance's last scan while its save has not gone through. */
  #unsaved: CoChangeSnapshotInput | null = null;
  /** Shared mode: when this instance, if it leads, scans next (clock ms). */
  #nextScanAt = 0;

  constructor(options: GitCoChangeOptions) {
    this.#options = options;
    this.#isDenied = compileDenylist([...DEFAULT_DENYLIST, ...(options.denylist ?? [])]);
    this.#runGit = options.runGit ?? runGitBinary;
    this.#now = options.now ?? Date.now;
  }

  /** Starts the first scan in the background; resolves at once. */
  start(): void {
    this.#schedule(0);
  }

  /**
   * Runs one pass now (also what the timer does): a scan, or in shared mode a load of a newer stored
   * result and a scan when this instance leads and one is due. Resolves when done, never rejects.
   */
  refresh(): Promise<void> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#abort.abort();
    await this.#running;
  }

  partnersOf(path: string): readonly CoChangePair[] {
    return this.#index?.partners.get(path) ?? [];
  }

  status(): CoChangeStatus {
    return {
      available: this.#index !== null,
      reason: this.#index !== null ? null : this.#reason,
      builtAt: this.#builtAt,
      commitsScanned: this.#index?.commitsScanned ?? 0,
      pairCount: this.#index?.pairCount ?? 0,
    };
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), ms);
    this.#timer.unref();
  }

  async #pass(): Promise<void> {
    const shared = this.#options.shared;
    if (!shared) {
      this.#schedule(await this.#scan());
      return;
    }
    try {
      await this.#loadStored(shared);
      // A scan whose save failed (store unreachable) is saved on a later poll rather than scanned again.
      if (this.#unsaved !== null) await this.#saveUnsaved(shared);
      if (this.#now() >= this.#nextScanAt) {
        if (await shared.lead()) {
          const scanned = this.#index;
          const nextInMs = await this.#scan();
          this.#nextScanAt = this.#now() + nextInMs;
          if (this.#index !== null && this.#index !== scanned) {
            this.#unsaved = {
              repo: shared.repo,
              builtAt: this.#builtAt ?? this.#now(),
              commitsScanned: this.#index.commitsScanned,
              commitsSkipped: this.#index.commitsSkipped,
              pairs: pairsOf(this.#index),
            };
            await this.#saveUnsaved(shared);
          }
        } else if (this.#index === null && this.#reason === PENDING) {
          this.#reason = "waiting for the leader instance's first co-change scan";
        }
      }
    } catch (error) {
      this.#options.log?.("warn", "shared co-change result unavailable; retrying", {
        reason: firstLine(error),
        retryMs: shared.pollMs,
      });
    }
    this.#schedule(shared.pollMs);
  }

  /** Takes a stored result newer than the one in use, and puts off this instance's scan until it is due. */
  async #loadStored(shared: SharedCoChange): Promise<void> {
    const stored = await shared.snapshots.latest(shared.repo, this.#version);
    if (stored === null) return;
    this.#index = indexFromSnapshot(stored);
    this.#builtAt = stored.builtAt;
    this.#version = stored.version;
    this.#reason = null;
    this.#nextScanAt = Math.max(this.#nextScanAt, stored.builtAt + this.#options.refreshIntervalMs);
    this.#options.log?.("debug", "co-change pairs loaded from the store", {
      version: stored.version,
      pairs: stored.pairs.length,
    });
  }

  async #saveUnsaved(shared: SharedCoChange): Promise<void> {
    if (this.#unsaved === null) return;
    const version = await shared.snapshots.save(this.#unsaved);
    this.#unsaved = null;
    // null: a scan built later is stored already; the next poll loads it.
    if (version !== null) this.#version = version;
  }

  /** One `git log` scan; returns how long until the next one is due. Never rejects. */
  async #scan(): Promise<number> {
    const o = this.#options;
    const git = (args: readonly string[]) =>
      this.#runGit(args, { cwd: o.repoRoot, timeoutMs: o.timeoutMs, signal: this.#abort.signal });
    try {
      try {
        await git(["rev-parse", "--is-inside-work-tree"]);
      } catch (error) {
        return this.#disable(
          (error as NodeJS.ErrnoException).code === "ENOENT"
            ? "git is not installed (not found on PATH)"
            : `${o.repoRoot} is not a git repository`,
        );
      }
      if ((await git(["rev-parse", "--is-shallow-repository"])).trim() === "true") {
        return this.#disable(
          `${o.repoRoot} is a shallow clone; run git fetch --unshallow to enable co-change scoring`,
        );
      }
      const output = await git([
        "log",
        `--since=${o.sinceDays}.days.ago`,
        `--max-count=${o.maxCommits}`,
        "--no-merges",
        "--name-only",
        "--relative",
        "--format=%x1e%H",
      ]);
      const index = computeCoChange(parseGitLog(output), {
        maxFilesPerCommit: o.maxFilesPerCommit,
        isDenied: this.#isDenied,
      });
      this.#index = index;
      this.#builtAt = this.#now();
      this.#reason = null;
      o.log?.("info", "co-change pairs built", {
        commits: index.commitsScanned,
        skipped: index.commitsSkipped,
        pairs: index.pairCount,
      });
      return o.refreshIntervalMs;
    } catch (error) {
      if (this.#stopped) return o.retryMs;
      const timedOut = (error as { killed?: boolean }).killed === true || /timed? ?out/i.test(String(error));
      const why = timedOut ? `git log timed out after ${o.timeoutMs} ms` : `git failed: ${firstLine(error)}`;
      if (this.#index === null) this.#reason = `${why}; retrying in ${Math.round(o.retryMs / 1000)} s`;
      o.log?.("warn", "co-change scan failed", { reason: why, retryMs: o.retryMs });
      return o.retryMs;
    }
  }

  #disable(reason: string): number {
    this.#index = null;
    this.#reason = reason;
    this.#options.log?.("warn", "Layer 4 co-change disabled", { reason });
    // The repository may be fixed (unshallowed, initialised) while the server runs.
    return this.#options.refreshIntervalMs;
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0] ?? "";
}

const runGitBinary: RunGit = (args, { cwd, timeoutMs, signal }) =>
  new Promise((resolve, reject) => {
    execFile(
      "git",
      args as string[],
      { cwd, timeout: timeoutMs, signal, maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
