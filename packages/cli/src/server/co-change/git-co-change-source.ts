import { execFile } from "node:child_process";
import type { CoChangePair, CoChangeSource, CoChangeStatus } from "@mcp-coordinator/core";
import { type CoChangeIndex, computeCoChange, parseGitLog } from "./compute-co-change.js";
import { compileDenylist, DEFAULT_DENYLIST } from "./glob-to-regexp.js";

export type RunGit = (
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; signal: AbortSignal },
) => Promise<string>;

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
  /** Test seam; default runs the `git` binary. */
  readonly runGit?: RunGit;
}

/**
 * Layer 4: co-change pairs from `git log`, built in the background and refreshed on an interval. Until the
 * first scan finishes, and whenever the repository cannot be read (no git, not a repository, a shallow
 * clone), the layer reports itself unavailable with the reason; scoring then simply skips it.
 */
export class GitCoChangeSource implements CoChangeSource {
  readonly #options: GitCoChangeOptions;
  readonly #isDenied: (path: string) => boolean;
  readonly #runGit: RunGit;
  readonly #now: () => number;
  #index: CoChangeIndex | null = null;
  #builtAt: number | null = null;
  #reason: string | null = "building co-change pairs from git log";
  #timer: NodeJS.Timeout | null = null;
  #abort = new AbortController();
  #running: Promise<void> | null = null;
  #stopped = false;

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

  /** Runs one scan now (also what the timer does); resolves when it is done, never rejects. */
  refresh(): Promise<void> {
    this.#running ??= this.#scan().finally(() => {
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

  async #scan(): Promise<void> {
    const o = this.#options;
    const git = (args: readonly string[]) =>
      this.#runGit(args, { cwd: o.repoRoot, timeoutMs: o.timeoutMs, signal: this.#abort.signal });
    try {
      try {
        await git(["rev-parse", "--is-inside-work-tree"]);
      } catch (error) {
        this.#disable(
          (error as NodeJS.ErrnoException).code === "ENOENT"
            ? "git is not installed (not found on PATH)"
            : `${o.repoRoot} is not a git repository`,
        );
        return;
      }
      if ((await git(["rev-parse", "--is-shallow-repository"])).trim() === "true") {
        this.#disable(
          `${o.repoRoot} is a shallow clone; run git fetch --unshallow to enable co-change scoring`,
        );
        return;
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
      this.#schedule(o.refreshIntervalMs);
    } catch (error) {
      if (this.#stopped) return;
      const timedOut = (error as { killed?: boolean }).killed === true || /timed? ?out/i.test(String(error));
      const why = timedOut ? `git log timed out after ${o.timeoutMs} ms` : `git failed: ${firstLine(error)}`;
      if (this.#index === null) this.#reason = `${why}; retrying in ${Math.round(o.retryMs / 1000)} s`;
      o.log?.("warn", "co-change scan failed", { reason: why, retryMs: o.retryMs });
      this.#schedule(o.retryMs);
    }
  }

  #disable(reason: string): void {
    this.#index = null;
    this.#reason = reason;
    this.#options.log?.("warn", "Layer 4 co-change disabled", { reason });
    // The repository may be fixed (unshallowed, initialised) while the server runs.
    this.#schedule(this.#options.refreshIntervalMs);
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
