// Hook round trip per coding client: process start → the client's hook JSON on stdin → its answer on
// stdout → exit, through the built hook runner (dist/hook.cjs) against a started server (SQLite +
// embedded Aedes). Beside it, `node -e 0` in the same run (alternating with the hook's runs): the floor
// no hook can go under, and the ratio to it. Runs are sequential, like a client's. Prints a table; asserts nothing.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
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

/**
 * The hook's runs alternate with runs of `node -e 0`, so each row has its own floor taken under the
 * same load: on a shared machine the load drifts between rows, and a ratio to a floor measured minutes
 * earlier would mostly measure the drift.
 */
async function measure(args: string[], stdin: string, env: NodeJS.ProcessEnv) {
  for (let i = 0; i < WARMUP; i++) await once(args, stdin, env);
  const times: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    floors.push(await once(["-e", "0"], "", env));
    times.push(await once(args, stdin, env));
  }
  times.sort((a, b) => a - b);
  floors.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    floorP50: percentile(floors, 50),
    floorP99: percentile(floors, 99),
  };
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
/** The Cline 3.x CLI's tool_call payload, as the real CLI wrote it to a recording hook. */
function clineToolCall(tool: string, input: Record<string, unknown>): string {
  return JSON.stringify({
    clineVersion: "",
    hookName: "tool_call",
    timestamp: new Date().toISOString(),
    taskId: "conv_bench",
    workspaceRoots: [repo],
    agent_id: "agent_bench",
    tool_call: { id: "call_1", name: tool, input },
    preToolUse: {
      toolName: tool,
      parameters: Object.fromEntries(
        Object.entries(input).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
      ),
    },
  });
}
const clients: Array<[string, string, string]> = [
  ["claude", "PreToolUse", claudeShaped("PreToolUse", "Write", { file_path: file, content: "x" })],
  ["gemini", "BeforeTool", claudeShaped("BeforeTool", "write_file", { file_path: file, content: "x" })],
  ["qwen", "PreToolUse", claudeShaped("PreToolUse", "write_file", { file_path: file, content: "x" })],
  ["codex", "PreToolUse", claudeShaped("PreToolUse", "Bash", { command: "printf 'x\\n' > src/free.ts" })],
  ["opencode", "tool.execute.before", claudeShaped("tool.execute.before", "write", { filePath: file })],
  ["cline", "PreToolUse", clineToolCall("editor", { path: file, new_text: "x" })],
  // Cline has no matcher: its PreToolUse script runs before every tool, and answers a read without a
  // request once the session's digest went out (the editor row above, same task, sent it).
  ["cline", "PreToolUse (read_files)", clineToolCall("read_files", { files: [{ path: file }] })],
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

const loadBefore = loadavg();
console.log(
  `\nPre-edit hook round trip per client (${ROUNDS} runs each, ${WARMUP} warm-up), Node ${process.version}\n`,
);
console.log("| client | event | p50 ms | p99 ms | floor p50 / p99 ms | p50 / floor p50 |");
console.log("|---|---|---|---|---|---|");
const report: BenchRow[] = [];
for (const [client, event, payload] of clients) {
  // The event name is the column's first word ("PreToolUse (read_files)" runs PreToolUse).
  const hookEvent = event.split(" ")[0] as string;
  const r = await measure([HOOK, hookEvent, "--client", client, "--url", server.url], payload, env);
  console.log(
    `| ${client} | ${event} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.floorP50.toFixed(1)} / ${r.floorP99.toFixed(1)} | ${(r.p50 / r.floorP50).toFixed(2)} |`,
  );
  report.push({
    case: `${client} ${event}`,
    metric: "pre-edit hook round trip p50",
    value: Number(r.p50.toFixed(1)),
    unit: "ms",
    floor: "node -e 0 p50, alternating runs",
    floorValue: Number(r.floorP50.toFixed(1)),
    ratio: ratioOf(r.p50, r.floorP50),
  });
}
await server.close();
console.log(loadAverageLine(loadBefore));
reportBench("cli: pre-edit hook per client", report);
