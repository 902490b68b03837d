#!/usr/bin/env node
// Entry point for the two commands a newcomer runs with nothing but Node 20 and npm:
//   npm start  → install, build, start the coordinator (mcp-coordinator server start)
//   npm test   → install, build, lint, typecheck and run every test, then print one total line
// It runs the pnpm version pinned in package.json's "packageManager" (through npx, because
// corepack's signature check fails against some registries).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager;
const pnpmVersion = pinned.replace(/^pnpm@/, "");

const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
  FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? "1" : "0"),
};

function pnpmCommand() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8", env });
  if (probe.status === 0 && probe.stdout.trim() === pnpmVersion) return ["pnpm", []];
  return ["npx", ["--yes", `pnpm@${pnpmVersion}`]];
}

function run(args, { allowFailure = false } = {}) {
  const [cmd, prefix] = pnpmCommand();
  const result = spawnSync(cmd, [...prefix, ...args], { cwd: root, stdio: "inherit", env });
  if (result.status !== 0 && !allowFailure) process.exit(result.status ?? 1);
  return result.status ?? 1;
}

const task = process.argv[2];
const ci = process.env.CI === "true" || process.env.CI === "1";

run(["install", ...(ci ? ["--frozen-lockfile"] : [])]);

if (task === "test") {
  // Stale reports from an earlier run must not count towards this run's total.
  for (const name of readdirSync(join(root, "packages"))) {
    rmSync(join(root, "packages", name, ".test-results"), { recursive: true, force: true });
  }
  const lint = run(["exec", "biome", "check", "."], { allowFailure: true });
  const manifests = spawnSync(process.execPath, [join(root, "scripts/check-manifests.mjs")], {
    cwd: root,
    stdio: "inherit",
    env,
  }).status;
  // One task at a time: the integration suites start brokers, databases and browsers, and on a 2-core
  // machine running them side by side turns timing margins into flaky failures.
  const checks = run(
    ["exec", "turbo", "run", "build", "typecheck", "lint", "test", "--continue", "--concurrency=1"],
    {
      allowFailure: true,
    },
  );
  const summary = spawnSync(process.execPath, [join(root, "scripts/test-summary.mjs")], {
    cwd: root,
    stdio: "inherit",
    env,
  });
  process.exit(lint || manifests || checks || summary.status || 0);
} else if (task === "start") {
  run(["exec", "turbo", "run", "build", "--filter", "mcp-coordinator..."]);
  // The coordinator in the foreground (Ctrl+C stops it); extra arguments go to `server start`,
  // e.g. `npm start -- --port 3110 --mqtt-port 0`.
  const server = spawnSync(
    process.execPath,
    [join(root, "packages/cli/dist/bin.js"), "server", "start", ...process.argv.slice(3)],
    { cwd: process.cwd(), stdio: "inherit", env },
  );
  process.exit(server.status ?? 0);
} else {
  console.error(`usage: node scripts/pnpm.mjs <start|test>  (got: ${task ?? "nothing"})`);
  process.exit(2);
}
