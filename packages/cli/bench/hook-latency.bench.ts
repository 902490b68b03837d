// Hook round trip as a client sees it: process start → hook JSON on stdin → answer on stdout → exit, for
// `mcp-coordinator hook <event>` against a started server (SQLite + embedded Aedes, the defaults). The
// hook runs on every edit, so the target is p99 < 150 ms. Runs are sequential, like a client's.
// Prints tables; asserts nothing.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type BenchRow,
  benchQuick,
  loadAverageLine,
  ratioOf,
  reportBench,
} from "@mcp-coordinator/test-support/bench";
import pino from "pino";
import { startServer } from "../src/index.js";
import { typescriptSource } from "./ts-source.js";

const WARMUP = 10;
const ROUNDS = Number(process.env.ROUNDS ?? (benchQuick ? 30 : 200));
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
/** What init --write-*-hooks wires: the self-contained CommonJS hook runner. */
const HOOK = fileURLToPath(new URL("../dist/hook.cjs", import.meta.url));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function once(args: string[], stdin: string, env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["pipe", "pipe", "inherit"] });
    child.stdout.resume();
    child.on("error", reject);
    child.on("close", () => resolve(performance.now() - started));
    child.stdin.end(stdin);
  });
}

async function measure(args: string[], stdin: string, env: NodeJS.ProcessEnv) {
  for (let i = 0; i < WARMUP; i++) await once(args, stdin, env);
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push(await once(args, stdin, env));
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] ?? 0 };
}

const dataDir = mkdtempSync(join(tmpdir(), "hook-bench-"));
const server = await startServer({
  port: 0,
  mqttPort: 0,
  dataDir,
  env: {},
  configFile: null,
  logger: pino({ level: "silent" }),
  dashboardDir: null,
});
const repo = mkdtempSync(join(tmpdir(), "hook-bench-repo-"));
execFileSync("git", ["init", "-q"], { cwd: repo });
mkdirSync(join(repo, "src"));
mkdirSync(join(repo, ".mcp-coordinator"));
writeFileSync(
  join(repo, ".mcp-coordinator", "policy.json"),
  JSON.stringify({ default: "warn", rules: [{ glob: "src/held/**", mode: "block" }] }),
);
const env = { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), "hook-bench-home-")) };
const hook = (event: string, url = server.url) => [HOOK, event, "--client", "claude", "--url", url];
const payload = (event: string, session: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ session_id: session, cwd: repo, hook_event_name: event, ...extra });
const write = (file: string) => ({
  tool_name: "Write",
  tool_input: { file_path: join(repo, file), content: "x" },
});

// an Edit of one function in a 50 KB TypeScript file: the post-edit route maps it to declarations
const bigBefore = typescriptSource(50 * 1024);
const bigAfter = bigBefore.replace("total += value * 7;", "total += value * 7 + 1;");
writeFileSync(join(repo, "src", "big.ts"), bigAfter);
const editBig = {
  tool_name: "Edit",
  tool_input: {
    file_path: join(repo, "src", "big.ts"),
    old_string: "total += value * 7;",
    new_string: "total += value * 7 + 1;",
  },
  tool_response: { filePath: join(repo, "src", "big.ts"), originalFile: bigBefore },
};

// another agent holds src/held/a.ts, so the "blocked" row pays for the conflict lookup and the deny
await once(hook("PreToolUse"), payload("PreToolUse", "holder", write("src/held/a.ts")), env);

const cases: Array<[string, string[], string]> = [
  ["node -e 0 (process start only)", ["-e", "0"], ""],
  ["SessionStart (register + digest)", hook("SessionStart"), payload("SessionStart", "bench")],
  ["PreToolUse Write, no conflict", hook("PreToolUse"), payload("PreToolUse", "bench", write("src/free.ts"))],
  ["PreToolUse Write, blocked", hook("PreToolUse"), payload("PreToolUse", "bench", write("src/held/a.ts"))],
  [
    "PostToolUse Write (activity)",
    hook("PostToolUse"),
    payload("PostToolUse", "bench", write("src/free.ts")),
  ],
  [
    "PostToolUse Edit, 50 KB TS (activity + symbols)",
    hook("PostToolUse"),
    payload("PostToolUse", "bench", editBig),
  ],
  [
    "UserPromptSubmit (inbox)",
    hook("UserPromptSubmit"),
    payload("UserPromptSubmit", "bench", { prompt: "x" }),
  ],
  [
    "PreToolUse Bash (ignored, no HTTP)",
    hook("PreToolUse"),
    payload("PreToolUse", "bench", { tool_name: "Bash" }),
  ],
  [
    "PreToolUse Write via `mcp-coordinator hook` (bin.js)",
    [BIN, "hook", "PreToolUse", "--client", "claude", "--url", server.url],
    payload("PreToolUse", "bench", write("src/free.ts")),
  ],
  [
    "PreToolUse, coordinator down",
    hook("PreToolUse", "http://127.0.0.1:9"),
    payload("PreToolUse", "bench", write("src/free.ts")),
  ],
];

console.log(
  `\nHook round trip, process start → answer (${ROUNDS} runs each, ${WARMUP} warm-up), Node ${process.version}\n`,
);
console.log("| case | p50 ms | p99 ms | max ms | p50 ratio to node -e 0 (the floor) |");
console.log("|---|---|---|---|---|");
const report: BenchRow[] = [];
let floorP50 = 0;
for (const [name, args, stdin] of cases) {
  const r = await measure(args, stdin, env);
  if (floorP50 === 0) floorP50 = r.p50;
  const ratio = ratioOf(r.p50, floorP50);
  console.log(`| ${name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${ratio} |`);
  if (report.length > 0 || name !== cases[0]?.[0]) {
    report.push({
      case: name,
      metric: "hook round trip p50",
      value: Number(r.p50.toFixed(1)),
      unit: "ms",
      floor: "node -e 0 p50, same run",
      floorValue: Number(floorP50.toFixed(1)),
      ratio,
    });
  }
}
await server.close();
console.log(loadAverageLine());
reportBench("cli: hook latency (process start → answer)", report);
