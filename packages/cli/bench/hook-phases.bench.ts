// Where a hook process spends its time, phase by phase, each against the floor `node -e 0` in the same
// run: process start, loading the hook bundle, reading stdin and deciding without HTTP, the full round
// trip, and the server's own handling (the same requests over HTTP from this process, no process start).
// Wall time moves with the machine's load; CPU time (user + sys of the child, from /usr/bin/time) much
// less, so both are printed. Runs are interleaved (one of each case per round) so load drifts hit every
// case alike. Prints tables; asserts nothing.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { startServer } from "../src/index.js";
import { typescriptSource } from "./ts-source.js";

const ROUNDS = Number(process.env.ROUNDS ?? 100);
const WARMUP = 5;
const HOOK = fileURLToPath(new URL("../dist/hook.cjs", import.meta.url));

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

function run(args: string[], stdin: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/time", ["-f", "%U %S", process.execPath, ...args], {
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let err = "";
    child.stdout.resume();
    child.stderr.on("data", (c: Buffer) => {
      err += String(c);
    });
    child.on("error", reject);
    child.on("close", () => {
      const wall = performance.now() - started;
      const [user, sys] = (err.trim().split("\n").at(-1) ?? "").split(" ").map(Number);
      resolve({ wall, cpu: ((user ?? Number.NaN) + (sys ?? Number.NaN)) * 1000 });
    });
    child.stdin.end(stdin);
  });
}

const dataDir = mkdtempSync(join(tmpdir(), "hook-phases-"));
const server = await startServer({
  port: 0,
  mqttPort: 0,
  dataDir,
  env: {},
  configFile: null,
  logger: pino({ level: "silent" }),
  dashboardDir: null,
});
const repo = mkdtempSync(join(tmpdir(), "hook-phases-repo-"));
execFileSync("git", ["init", "-q"], { cwd: repo });
mkdirSync(join(repo, "src"));
const env = { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), "hook-phases-home-")) };
const payload = (event: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ session_id: "phases", cwd: repo, hook_event_name: event, ...extra });
const write = { tool_name: "Write", tool_input: { file_path: join(repo, "src/free.ts"), content: "x" } };
const before = typescriptSource(50 * 1024);
const after = before.replace("total += value * 7;", "total += value * 7 + 1;");
writeFileSync(join(repo, "src", "big.ts"), after);
const editBig = {
  tool_name: "Edit",
  tool_input: {
    file_path: join(repo, "src", "big.ts"),
    old_string: "total += value * 7;",
    new_string: "total += value * 7 + 1;",
  },
  tool_response: { filePath: join(repo, "src", "big.ts"), originalFile: before },
};
const hook = (event: string) => [HOOK, event, "--client", "claude", "--url", server.url];

const cases: Array<[string, string[], string]> = [
  ["node -e 0 (floor: process start)", ["-e", "0"], ""],
  ["hook.cjs loaded, usage error (start + bundle)", [HOOK], ""],
  [
    "PreToolUse Bash: + stdin, parse, decide (no HTTP)",
    hook("PreToolUse"),
    payload("PreToolUse", { tool_name: "Bash" }),
  ],
  ["PreToolUse Write (full round trip)", hook("PreToolUse"), payload("PreToolUse", write)],
  ["PostToolUse Write (full round trip)", hook("PostToolUse"), payload("PostToolUse", write)],
  [
    "PostToolUse Edit 50 KB TS (+ symbols, answered before them)",
    hook("PostToolUse"),
    payload("PostToolUse", editBig),
  ],
];

await run(hook("SessionStart"), payload("SessionStart"), env);
const samples = new Map<string, Sample[]>(cases.map(([name]) => [name, []]));
const loadBefore = loadavg()[0] ?? Number.NaN;
for (let round = -WARMUP; round < ROUNDS; round++) {
  for (const [name, args, stdin] of cases) {
    const sample = await run(args, stdin, env);
    if (round >= 0) samples.get(name)?.push(sample);
  }
}

// The server's share: the same hook requests over HTTP from this process (no process start).
const agent = { agent_id: "phases-http", name: "phases-http" };
const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then((r) => r.text());
const http = new Map<string, number[]>([
  ["POST /api/hooks/pre-edit", []],
  ["POST /api/hooks/post-edit", []],
  ["POST /api/hooks/post-edit with a 50 KB edit", []],
]);
for (let round = -WARMUP; round < ROUNDS; round++) {
  const timed = async (name: string, path: string, body: unknown) => {
    const t = performance.now();
    await post(path, body);
    if (round >= 0) http.get(name)?.push(performance.now() - t);
  };
  await timed("POST /api/hooks/pre-edit", "/api/hooks/pre-edit", { ...agent, path: "src/free.ts" });
  await timed("POST /api/hooks/post-edit", "/api/hooks/post-edit", { ...agent, paths: ["src/free.ts"] });
  await timed("POST /api/hooks/post-edit with a 50 KB edit", "/api/hooks/post-edit", {
    ...agent,
    paths: ["src/big.ts"],
    edits: [{ path: "src/big.ts", before, after }],
  });
}
const loadAfter = loadavg()[0] ?? Number.NaN;

const floor = samples.get(cases[0]?.[0] ?? "") ?? [];
const stat = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};
const floorWall = stat(floor.map((s) => s.wall));
// /usr/bin/time reports CPU in 10 ms steps: the mean over the rounds is finer than any percentile.
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const floorCpu = mean(floor.map((s) => s.cpu));
console.log(
  `\nHook phases, ${ROUNDS} interleaved rounds, Node ${process.version}, hook.cjs ${(statSync(HOOK).size / 1024).toFixed(0)} KiB, load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}\n`,
);
console.log(
  "| case | wall p50 ms | wall p99 ms | p99 ÷ floor p99 | p99 − floor p99 ms | CPU mean ms | CPU mean − floor ms |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|");
for (const [name] of cases) {
  const s = samples.get(name) ?? [];
  const wall = stat(s.map((x) => x.wall));
  const cpu = mean(s.map((x) => x.cpu));
  console.log(
    `| ${name} | ${wall.p50.toFixed(1)} | ${wall.p99.toFixed(1)} | ${(wall.p99 / floorWall.p99).toFixed(2)} | ${(wall.p99 - floorWall.p99).toFixed(1)} | ${cpu.toFixed(1)} | ${(cpu - floorCpu).toFixed(1)} |`,
  );
}
console.log("\n| server handling (HTTP from this process) | p50 ms | p99 ms |");
console.log("|---|---:|---:|");
for (const [name, xs] of http) {
  const s = stat(xs);
  console.log(`| ${name} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} |`);
}
await server.close();
