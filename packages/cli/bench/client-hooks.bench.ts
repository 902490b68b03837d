// Hook round trip per coding client: process start → the client's hook JSON on stdin → its answer on
// stdout → exit, through the built hook runner (dist/hook.cjs) against a started server (SQLite +
// embedded Aedes). Beside it, `node -e 0` in the same run: the floor no hook can go under, and the ratio
// to it. Runs are sequential, like a client's. Prints a table; asserts nothing.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
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

const WARMUP = 5;
const ROUNDS = Number(process.env.ROUNDS ?? (benchQuick ? 20 : 100));
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
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

const server = await startServer({
  port: 0,
  mqttPort: 0,
  dataDir: mkdtempSync(join(tmpdir(), "client-hooks-bench-")),
  env: {},
  configFile: null,
  logger: pino({ level: "silent" }),
  dashboardDir: null,
});
const repo = mkdtempSync(join(tmpdir(), "client-hooks-bench-repo-"));
execFileSync("git", ["init", "-q"], { cwd: repo });
mkdirSync(join(repo, "src"));
const env = { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), "client-hooks-bench-home-")) };
const file = join(repo, "src", "free.ts");

/** Each client's pre-edit event and payload, as the e2e suites see them from the real clients. */
const claudeShaped = (event: string, tool: string, input: Record<string, unknown>) =>
  JSON.stringify({
    session_id: "bench",
    cwd: repo,
    hook_event_name: event,
    tool_name: tool,
    tool_input: input,
  });
const clients: Array<[string, string, string]> = [
  ["claude", "PreToolUse", claudeShaped("PreToolUse", "Write", { file_path: file, content: "x" })],
  ["gemini", "BeforeTool", claudeShaped("BeforeTool", "write_file", { file_path: file, content: "x" })],
  ["qwen", "PreToolUse", claudeShaped("PreToolUse", "write_file", { file_path: file, content: "x" })],
  ["codex", "PreToolUse", claudeShaped("PreToolUse", "Bash", { command: "printf 'x\\n' > src/free.ts" })],
  ["opencode", "tool.execute.before", claudeShaped("tool.execute.before", "write", { filePath: file })],
  [
    "cline",
    "PreToolUse",
    JSON.stringify({
      taskId: "bench",
      hookName: "tool_call",
      workspaceRoots: [repo],
      preToolUse: { toolName: "editor", parameters: { path: file, new_text: "x" } },
    }),
  ],
  [
    "cursor",
    "preToolUse",
    JSON.stringify({
      conversation_id: "bench",
      hook_event_name: "preToolUse",
      workspace_roots: [repo],
      tool_name: "Write",
      tool_input: { file_path: file },
    }),
  ],
];

console.log(
  `\nPre-edit hook round trip per client (${ROUNDS} runs each, ${WARMUP} warm-up), Node ${process.version}\n`,
);
const floor = await measure(["-e", "0"], "", env);
console.log("| client | event | p50 ms | p99 ms | p50 / floor |");
console.log("|---|---|---|---|---|");
console.log(`| (floor) | node -e 0 | ${floor.p50.toFixed(1)} | ${floor.p99.toFixed(1)} | 1.00 |`);
const report: BenchRow[] = [];
for (const [client, event, payload] of clients) {
  const r = await measure([HOOK, event, "--client", client, "--url", server.url], payload, env);
  console.log(
    `| ${client} | ${event} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.p50 / floor.p50).toFixed(2)} |`,
  );
  report.push({
    case: `${client} ${event}`,
    metric: "pre-edit hook round trip p50",
    value: Number(r.p50.toFixed(1)),
    unit: "ms",
    floor: "node -e 0 p50, same run",
    floorValue: Number(floor.p50.toFixed(1)),
    ratio: ratioOf(r.p50, floor.p50),
  });
}
await server.close();
console.log(loadAverageLine());
reportBench("cli: pre-edit hook per client", report);
