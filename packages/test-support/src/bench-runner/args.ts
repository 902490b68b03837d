// The flags of the two bench runners: scripts/bench-results.mjs (`pnpm bench` at the root) and
// scripts/run-benches.mjs (`pnpm bench` in a package). A bad value stops the run before any bench starts,
// with one line naming the flag and what it accepts: a typo found after an hour of benches wastes the hour.

/** A flag with a missing or bad value; the runners print its message and exit 2. */
export class UsageError extends Error {}

const RUNS = "an integer from 1 to 9";
// setTimeout overflows past 2^31 ms (about 24.8 days) and then fires at once, so a day is the ceiling.
const MAX_TIMEOUT_MINUTES = 24 * 60;
const TIMEOUT = `a positive number of minutes up to ${MAX_TIMEOUT_MINUTES} (e.g. 15 or 0.5)`;
const DEFAULT_TIMEOUT_MINUTES = 15;

/** What `pnpm bench` at the root was asked to do. */
export interface RootOptions {
  readonly help: boolean;
  readonly runs: number;
  readonly timeoutMinutes: number;
  readonly quick: boolean;
  /** Where RESULTS.md goes; undefined for the repository's bench/RESULTS.md. */
  readonly out: string | undefined;
  /** Every other argument, for turbo (e.g. --filter=…). */
  readonly turboArgs: readonly string[];
}

/** What `pnpm bench` in a package was asked to do. */
export interface PackageOptions {
  readonly help: boolean;
  readonly timeoutMinutes: number;
}

type Env = Readonly<Record<string, string | undefined>>;

export function parseRootArgs(argv: readonly string[], env: Env): RootOptions {
  const { values, flags, rest } = takeFlags(
    argv,
    ["--runs", "--timeout-minutes", "--out"],
    ["--quick", "--help"],
  );
  const runs = values.get("--runs");
  const out = values.get("--out");
  if (out === "") throw new UsageError("--out must name a file, e.g. --out=/tmp/RESULTS.md");
  return {
    help: flags.has("--help"),
    runs: runs === undefined ? 1 : parseRuns(runs),
    timeoutMinutes: timeoutFrom(values.get("--timeout-minutes"), env),
    quick: flags.has("--quick") || env.BENCH_QUICK === "1",
    out,
    turboArgs: rest,
  };
}

export function parsePackageArgs(argv: readonly string[], env: Env): PackageOptions {
  const { values, flags, rest } = takeFlags(argv, ["--timeout-minutes"], ["--help"]);
  if (rest.length > 0)
    throw new UsageError(
      `unknown argument "${rest[0]}": a package's pnpm bench takes --timeout-minutes=<minutes> and --help`,
    );
  return { help: flags.has("--help"), timeoutMinutes: timeoutFrom(values.get("--timeout-minutes"), env) };
}

export function parseRuns(value: string): number {
  const runs = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(runs >= 1 && runs <= 9)) throw new UsageError(`--runs must be ${RUNS}, not "${value}"`);
  return runs;
}

export function parseTimeoutMinutes(value: string, name: string): number {
  const minutes = /^(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  if (!(minutes > 0 && minutes <= MAX_TIMEOUT_MINUTES))
    throw new UsageError(`${name} must be ${TIMEOUT}, not "${value}"`);
  return minutes;
}

// The root runner hands its --timeout-minutes to every package's runner through turbo as
// BENCH_TIMEOUT_MINUTES; a flag given to the package's own runner wins over it.
function timeoutFrom(flag: string | undefined, env: Env): number {
  if (flag !== undefined) return parseTimeoutMinutes(flag, "--timeout-minutes");
  const fromEnv = env.BENCH_TIMEOUT_MINUTES;
  if (fromEnv !== undefined && fromEnv !== "") return parseTimeoutMinutes(fromEnv, "BENCH_TIMEOUT_MINUTES");
  return DEFAULT_TIMEOUT_MINUTES;
}

const ACCEPTS: Readonly<Record<string, string>> = {
  "--runs": RUNS,
  "--timeout-minutes": TIMEOUT,
  "--out": "a file path",
};

/**
 * Splits `--name=value` / `--name value` flags and bare `--flag`s from the rest, which keeps its order.
 * `pnpm bench -- --x` hands the script a leading "--"; it is dropped, not passed on (turbo would give
 * what follows it to every bench script).
 */
function takeFlags(argv: readonly string[], valued: readonly string[], bare: readonly string[]) {
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (valued.includes(name)) {
      const value = eq === -1 ? args[i + 1] : arg.slice(eq + 1);
      if (value === undefined || (eq === -1 && value.startsWith("--")))
        throw new UsageError(`${name} needs a value: ${ACCEPTS[name]}`);
      if (eq === -1) i += 1;
      values.set(name, value);
    } else if (bare.includes(arg)) {
      flags.add(arg);
    } else {
      rest.push(arg);
    }
  }
  return { values, flags, rest };
}

export const ROOT_HELP = `pnpm bench [-- <flags>]: runs every package's benches (one at a time, through turbo) and writes
bench/RESULTS.md, one table of every row the benches reported beside its floor, headed by the machine,
the load average and the failed benches.

  --runs=<n>              run the whole selection n times (${RUNS}; default 1); each row then shows
                          the median value, the median floor, the ratio of the medians, the n raw
                          values, and "met" judged on the median
  --timeout-minutes=<m>   kill a bench (its whole process group) after m minutes and report it as
                          failed (timeout); ${TIMEOUT};
                          default ${DEFAULT_TIMEOUT_MINUTES}
  --quick                 CI-size runs (same as BENCH_QUICK=1): a smoke test, not a measurement
  --out=<file>            write the table there instead of bench/RESULTS.md
  --help                  this text

Any other argument goes to turbo, e.g. --filter=@mcp-coordinator/core or --filter=mcp-coordinator.
A failing bench does not stop the others; the exit code is non-zero when any bench failed.`;

export const PACKAGE_HELP = `pnpm bench [-- <flags>] in a package: runs each command of the package.json's "benches" list in
turn, goes on after a failure, prints which failed, and exits 1 when any did.

  --timeout-minutes=<m>   kill a bench (its whole process group) after m minutes and count it as
                          failed; ${TIMEOUT};
                          default BENCH_TIMEOUT_MINUTES (set by the root's pnpm bench), else ${DEFAULT_TIMEOUT_MINUTES}
  --help                  this text`;
