// scripts/run-benches.mjs end to end, on tiny fake benches: one fails, one reports a row, one outlives
// its time bound.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderResults } from "./render.js";
import { parseResults } from "./results-file.js";

const script = fileURLToPath(new URL("../../../../scripts/run-benches.mjs", import.meta.url));
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "run-benches-test-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function fakePackage(benches: Record<string, string>) {
  for (const [file, source] of Object.entries(benches)) writeFileSync(join(dir, file), source);
  const commands = Object.keys(benches).map((file) => `node ${file}`);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "fake-pkg", benches: commands }));
}

function runPackage(...args: string[]) {
  const results = join(dir, "results.jsonl");
  const run = spawnSync(process.execPath, [script, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, BENCH_RESULTS: results, BENCH_TIMEOUT_MINUTES: "" },
  });
  const text = existsSync(results) ? readFileSync(results, "utf8") : "";
  return { ...run, results: parseResults(text) };
}

/** Whether the process runs; a zombie (killed, not yet reaped by init) does not count. */
function alive(pid: number): boolean {
  try {
    if (!existsSync("/proc/self")) {
      process.kill(pid, 0);
      return true;
    }
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

const ROW = `import { appendFileSync } from "node:fs";
const row = { case: "one case", metric: "p99", value: 2.5, unit: "ms", floor: "nothing", floorValue: 1,
  ratio: 2.5, target: "< 3 ms", met: true };
appendFileSync(process.env.BENCH_RESULTS, JSON.stringify({ bench: "fake: second", rows: [row] }) + "\\n");
console.log("second bench ran");
`;

describe("scripts/run-benches.mjs", () => {
  it("runs the bench after a failing one, lists the failure and exits 1", { timeout: 30_000 }, () => {
    fakePackage({ "a.bench.mjs": "process.exit(3);", "b.bench.mjs": ROW });
    const run = runPackage();
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("fake-pkg bench 1/2: a.bench.mjs");
    expect(run.stdout).toContain("second bench ran");
    expect(run.stdout).toMatch(/fake-pkg benches: 1 passed, 1 failed/);
    expect(run.stdout).toMatch(/FAILED {2}a\.bench\.mjs .* exit code 3/);
    expect(run.results.failures).toEqual([
      { package: "fake-pkg", bench: "a.bench.mjs", reason: "exit code 3" },
    ]);

    const markdown = renderResults(
      {
        started: new Date(0),
        seconds: 1,
        machine: "test machine",
        loadBefore: [0, 0, 0],
        loadAfter: [0, 0, 0],
        args: [],
        quick: true,
      },
      [{ ...run.results, turboStatus: 1, load: 0 }],
    );
    expect(markdown).toContain("## Failed benches\n\nTheir rows are missing from the table below.\n\n");
    expect(markdown).toContain("- fake-pkg, a.bench.mjs: exit code 3");
    expect(markdown).toContain(
      "| fake: second | one case | p99 | 2.5 ms | nothing | 1 ms | 2.5 | < 3 ms | yes |",
    );
  });

  it("kills a bench past its time bound with the processes it started, and goes on", {
    timeout: 30_000,
  }, () => {
    const pidFile = join(dir, "child.pid");
    fakePackage({
      "hang.bench.mjs": `import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
setInterval(() => {}, 1000);`,
      "after.bench.mjs": ROW,
    });
    const run = runPackage("--", "--timeout-minutes=0.02");
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("second bench ran");
    expect(run.results.failures).toEqual([
      {
        package: "fake-pkg",
        bench: "hang.bench.mjs",
        reason: "timed out after 0.02 min (process group killed)",
      },
    ]);
    expect(run.results.reports).toHaveLength(1);
    expect(alive(Number(readFileSync(pidFile, "utf8")))).toBe(false);
  });

  it("stops what a bench left running before the next bench starts", { timeout: 30_000 }, () => {
    const pidFile = join(dir, "child.pid");
    fakePackage({
      "leak.bench.mjs": `import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
child.unref();
writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));`,
    });
    const run = runPackage();
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("leak.bench.mjs left processes running; stopped them");
    expect(alive(Number(readFileSync(pidFile, "utf8")))).toBe(false);
  });

  it("exits 2 with one line on a bad --timeout-minutes", { timeout: 30_000 }, () => {
    fakePackage({ "a.bench.mjs": "" });
    const run = runPackage("--timeout-minutes=0");
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([
      'run-benches: --timeout-minutes must be a positive number of minutes up to 1440 (e.g. 15 or 0.5), not "0"',
    ]);
  });
});
