#!/usr/bin/env node
// `pnpm bench` at the root: runs every package's bench one at a time (turbo, --concurrency=1) and
// writes bench/RESULTS.md, one combined markdown table of every row a bench reported with its floor and
// ratio, headed by the machine, the load average and the date (numbers from a loaded machine mean
// little without them).
//
// A bench reports rows by appending one JSON line to the file named by BENCH_RESULTS:
//   {"bench": "...", "rows": [{"case", "metric", "value", "unit", "floor", "floorValue", "ratio",
//                              "target", "met"}]}
// Extra arguments go to turbo, e.g. `pnpm bench -- --filter=@mcp-coordinator/core`. `--quick` (or
// BENCH_QUICK=1) asks every bench for its CI-size run: fewer agents, shorter cells, a few minutes for the
// whole suite; the numbers are then a smoke test of every bench, not a measurement.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "bench");
const jsonl = join(outDir, ".results.jsonl");
mkdirSync(outDir, { recursive: true });
rmSync(jsonl, { force: true });

// `pnpm bench -- --filter=x` hands this script a leading "--"; passed on, turbo would give the filter to
// every bench script instead of using it.
const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--"));
const quick = args.includes("--quick") || process.env.BENCH_QUICK === "1";
const turboArgs = args.filter((arg) => arg !== "--quick");

const loadBefore = loadavg();
const started = new Date();
const turbo = spawnSync("npx", ["turbo", "run", "bench", "--concurrency=1", ...turboArgs], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, BENCH_RESULTS: jsonl, BENCH_QUICK: quick ? "1" : "0" },
});
const loadAfter = loadavg();

/** Parses the JSON lines the benches wrote; a malformed line is reported, not silently skipped. */
function readReports() {
  let text = "";
  try {
    text = readFileSync(jsonl, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      try {
        return JSON.parse(line);
      } catch (error) {
        throw new Error(`bench/.results.jsonl line ${i + 1} is not JSON (${error.message}): ${line}`);
      }
    });
}

const cell = (value) => (value === null || value === undefined ? "" : String(value).replaceAll("|", "\\|"));
const loads = (l) => l.map((x) => x.toFixed(2)).join(" ");
const cpu = cpus();
const lines = [
  "# Benchmark results",
  "",
  `- Date: ${started.toISOString()} (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s)`,
  `- Machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${process.platform} ${process.arch}, Node ${process.version}`,
  `- Load average (1, 5, 15 min): ${loads(loadBefore)} at start, ${loads(loadAfter)} at end`,
  `- Command: pnpm bench${args.length > 0 ? ` -- ${args.join(" ")}` : ""} (turbo exit code ${turbo.status})${quick ? "; quick: CI-size runs, a smoke test, not a measurement" : ""}`,
  "",
  "Each value is judged against the floor measured in the same run; ratio = value ÷ floor.",
  "",
  "| bench | case | metric | value | floor | floor value | ratio | target | met |",
  "| --- | --- | --- | ---: | --- | ---: | ---: | --- | --- |",
];
for (const report of readReports()) {
  for (const row of report.rows ?? []) {
    const met = row.met === null || row.met === undefined ? "" : row.met ? "yes" : "**no**";
    lines.push(
      `| ${cell(report.bench)} | ${cell(row.case)} | ${cell(row.metric)} | ${cell(row.value)} ${cell(row.unit)} | ${cell(row.floor)} | ${cell(row.floorValue)} ${row.floorValue === undefined ? "" : cell(row.unit)} | ${cell(row.ratio)} | ${cell(row.target)} | ${met} |`,
    );
  }
}
writeFileSync(join(outDir, "RESULTS.md"), `${lines.join("\n")}\n`);
rmSync(jsonl, { force: true });
console.log(`\nwrote ${join("bench", "RESULTS.md")}`);
process.exit(turbo.status ?? 1);
