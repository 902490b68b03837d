#!/usr/bin/env node
// `pnpm bench` in a package (and so in the root's `pnpm bench`, through turbo): runs each command of the
// package.json's "benches" list in turn. A failing bench must not drop the ones after it (as an
// `a && b && c` chain does): the runner goes on, prints which failed, and exits 1 when any did. When the
// root runner set BENCH_RESULTS, each failure is also appended there, for RESULTS.md's failure list.
//
// Each bench runs in its own process group (see process-group.ts): a bench past --timeout-minutes is
// killed whole, and whatever a bench leaves running is stopped before the next one starts.
import { spawn } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import { tsImport } from "tsx/esm/api";

const {
  UsageError,
  PACKAGE_HELP,
  benchList,
  benchName,
  failureLine,
  failureReason,
  parsePackageArgs,
  signalGroup,
  stopGroup,
  summaryLines,
} = await tsImport("../packages/test-support/src/bench-runner/index.ts", import.meta.url);

let options;
let commands;
const manifest = JSON.parse(readFileSync(join(process.cwd(), "package.json"), "utf8"));
try {
  options = parsePackageArgs(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(PACKAGE_HELP);
    process.exit(0);
  }
  commands = benchList(manifest);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`run-benches: ${error.message}`);
  process.exit(2);
}

let current;
let interruptedBy;
// The bench has its own process group, so Ctrl+C at the terminal does not reach it: pass the signal on,
// let the current bench end and start no other; a second signal kills the bench outright.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    const again = interruptedBy !== undefined;
    interruptedBy = signal;
    if (current !== undefined) signalGroup(current.pid, again ? "SIGKILL" : signal);
  });
}

function runBench(command, name) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, detached: true, stdio: ["ignore", "inherit", "inherit"] });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n${name}: past ${options.timeoutMinutes} min, killing its process group`);
      void stopGroup(child.pid);
    }, options.timeoutMinutes * 60_000);
    const done = (fields) => {
      clearTimeout(timer);
      current = undefined;
      resolve({ name, seconds: (performance.now() - started) / 1000, timedOut, ...fields });
    };
    child.on("error", (error) => done({ code: null, signal: null, startError: error.message }));
    child.on("exit", async (code, signal) => {
      // Ended in time: stopping what it left behind must not count as running past the bound.
      clearTimeout(timer);
      const wasInterrupted = interruptedBy;
      const leftovers = await stopGroup(child.pid);
      if (leftovers && !timedOut) console.error(`${name} left processes running; stopped them`);
      done({ code, signal, ...(wasInterrupted === undefined ? {} : { interruptedBy: wasInterrupted }) });
    });
  });
}

const outcomes = [];
for (const [i, command] of commands.entries()) {
  if (interruptedBy !== undefined) break;
  const name = benchName(command);
  console.log(`\n━━ ${manifest.name} bench ${i + 1}/${commands.length}: ${name} ━━\n$ ${command}\n`);
  const outcome = await runBench(command, name);
  outcomes.push(outcome);
  const reason = failureReason(outcome, options.timeoutMinutes);
  if (reason === undefined) continue;
  console.error(`\n${name} failed: ${reason}`);
  if (process.env.BENCH_RESULTS)
    appendFileSync(process.env.BENCH_RESULTS, failureLine({ package: manifest.name, bench: name, reason }));
}

const notRun = commands.slice(outcomes.length).map(benchName);
console.log(`\n${summaryLines(manifest.name, outcomes, notRun, options.timeoutMinutes).join("\n")}`);
const failed = outcomes.some((outcome) => failureReason(outcome, options.timeoutMinutes) !== undefined);
// Stopped by a signal: exit as a shell reports it (128 + the signal's number), so a caller stops too.
process.exit(interruptedBy !== undefined ? 128 + constants.signals[interruptedBy] : failed ? 1 : 0);
