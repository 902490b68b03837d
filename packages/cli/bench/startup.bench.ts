/**
 * Start-up (issue 19, point 6): `mcp-coordinator --version` against its floor `node -e 0`, and
 * `server start --daemon` until it reports ready (the parent exits once /health/ready answers), each
 * timed as a whole process from spawn to exit, interleaved with the floor so both see the same load.
 * Targets: --version ≤ 1.5× the floor; daemon ready < 1 s. Run after `pnpm build` (it times dist/bin.js).
 */

import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const VERSION_RUNS = 21;
const DAEMON_RUNS = 5;

/** Wall time of one process run, in ms; throws when it fails, so a broken build cannot look fast. */
function timed(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[samples.length >> 1] as number;

const loadBefore = loadavg();
const floor: number[] = [];
const version: number[] = [];
for (let i = 0; i < VERSION_RUNS; i += 1) {
  floor.push(timed(["-e", "0"]));
  version.push(timed([BIN, "--version"]));
}

const daemon: number[] = [];
const daemonFloor: number[] = [];
for (let i = 0; i < DAEMON_RUNS; i += 1) {
  const dataDir = mkdtempSync(join(tmpdir(), "mcpc-startup-"));
  try {
    daemonFloor.push(timed(["-e", "0"]));
    daemon.push(
      timed([BIN, "server", "start", "--daemon", "--data-dir", dataDir, "--port", "0", "--mqtt-port", "0"]),
    );
  } finally {
    spawnSync(process.execPath, [BIN, "server", "stop", "--data-dir", dataDir], { encoding: "utf8" });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One result row: the median of `samples` against the median of the interleaved floor. */
function row(
  name: string,
  samples: number[],
  floorSamples: number[],
  target: string,
  met: (ms: number, ratio: number) => boolean,
) {
  const value = median(samples);
  const ratio = value / median(floorSamples);
  return {
    case: name,
    metric: `median of ${samples.length}`,
    value: Math.round(value),
    unit: "ms",
    floor: "node -e 0, interleaved",
    floorValue: Math.round(median(floorSamples)),
    ratio: Number(ratio.toFixed(2)),
    target,
    met: met(value, ratio),
  };
}

const rows = [
  row("mcp-coordinator --version", version, floor, "≤ 1.5× floor", (_, ratio) => ratio <= 1.5),
  row("server start --daemon → ready", daemon, daemonFloor, "< 1000 ms", (ms) => ms < 1_000),
];
console.log("case                            median ms  floor ms (node -e 0)  ratio  target        met");
for (const row of rows) {
  console.log(
    `${row.case.padEnd(30)}  ${String(row.value).padStart(9)}  ${String(row.floorValue).padStart(20)}  ${row.ratio.toFixed(2).padStart(5)}  ${row.target.padEnd(12)}  ${row.met ? "yes" : "NO"}`,
  );
}
console.log(
  `\nAll times are whole processes, spawn to exit. Load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")} at start, ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} at end. Node ${process.version}.`,
);
if (process.env.BENCH_RESULTS !== undefined) {
  appendFileSync(process.env.BENCH_RESULTS, `${JSON.stringify({ bench: "cli: start-up", rows })}\n`);
}
