#!/usr/bin/env node
// `pnpm bench` at the root: runs every package's benches one at a time (turbo, --concurrency=1; each
// package's runner is scripts/run-benches.mjs) and writes bench/RESULTS.md, one combined markdown table of
// every row a bench reported with its floor and ratio, headed by the machine, the load average, the date
// and the benches that failed (numbers from a loaded machine mean little without them). `--help` lists
// the flags; `--runs=3` runs the whole selection three times and reports the median of each row, since
// every performance target is judged on the median of three runs.
//
// A bench reports rows by appending one JSON line to the file named by BENCH_RESULTS:
//   {"bench": "...", "rows": [{"case", "metric", "value", "unit", "floor", "floorValue", "ratio",
//                              "target", "met"}]}
// and a package's runner appends {"failure": {"package", "bench", "reason"}} for a bench that failed.
// Each run gets its own file, so a row's run is where it was found.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const { ROOT_HELP, UsageError, failureList, parseResults, parseRootArgs, renderResults } = await tsImport(
  "../packages/test-support/src/bench-runner/index.ts",
  import.meta.url,
);

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--"));
let options;
try {
  options = parseRootArgs(args, process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`pnpm bench: ${error.message}`);
  process.exit(2);
}
if (options.help) {
  console.log(ROOT_HELP);
  process.exit(0);
}

const outFile = options.out === undefined ? join(root, "bench", "RESULTS.md") : resolve(options.out);
const scratch = mkdtempSync(join(tmpdir(), "bench-results-"));
const loadBefore = loadavg();
const started = new Date();
const runs = [];
for (let run = 1; run <= options.runs; run += 1) {
  if (options.runs > 1) console.log(`\n════ pnpm bench: run ${run} of ${options.runs} ════\n`);
  const jsonl = join(scratch, `run-${run}.jsonl`);
  const load = loadavg()[0];
  // --continue: a package whose bench failed must not stop turbo from running the other packages'.
  const turbo = spawnSync(
    "npx",
    ["turbo", "run", "bench", "--concurrency=1", "--continue", ...options.turboArgs],
    {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        BENCH_RESULTS: jsonl,
        BENCH_QUICK: options.quick ? "1" : "0",
        BENCH_TIMEOUT_MINUTES: String(options.timeoutMinutes),
      },
    },
  );
  let text = "";
  try {
    text = readFileSync(jsonl, "utf8");
  } catch {
    // No bench reported a row or a failure in this run (a build failed, or the filter matched nothing).
  }
  runs.push({ ...parseResults(text), turboStatus: turbo.status, load });
}
const loadAfter = loadavg();
rmSync(scratch, { recursive: true, force: true });

const cpu = cpus();
const markdown = renderResults(
  {
    started,
    seconds: (Date.now() - started.getTime()) / 1000,
    machine: `${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${process.platform} ${process.arch}, Node ${process.version}`,
    loadBefore,
    loadAfter,
    args,
    quick: options.quick,
  },
  runs,
);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, markdown);

// The packages' own summaries scrolled past in turbo's output: repeat the failures last.
const shown = outFile.startsWith(root) ? relative(root, outFile) : outFile;
console.log(`\nFailed benches:\n${failureList(runs).join("\n")}\n\nwrote ${shown}`);
const status = runs.find((run) => run.turboStatus !== 0)?.turboStatus;
process.exit(status === undefined ? 0 : (status ?? 1));
