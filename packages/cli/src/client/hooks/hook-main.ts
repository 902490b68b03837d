import { claudeCode } from "./clients/claude-code.js";
import { cline } from "./clients/cline.js";
import { codex } from "./clients/codex.js";
import { cursor } from "./clients/cursor.js";
import { gemini } from "./clients/gemini.js";
import { opencode } from "./clients/opencode.js";
import { qwen } from "./clients/qwen.js";
import { handleHook, hookContext } from "./handle-hook.js";
import type { ClientAdapter, HookAnswer } from "./hook-event.js";
import { DEFAULT_HOOK_TIMEOUT_MS, resolveHookSettings } from "./hook-settings.js";
import { HOOK_CLIENTS, type HookClient } from "./repo-identity.js";
import { withFreshStoredToken } from "./with-fresh-stored-token.js";

const ADAPTERS: Record<HookClient, ClientAdapter> = {
  claude: claudeCode,
  cursor,
  cline,
  gemini,
  qwen,
  codex,
  opencode,
};

const USAGE = `usage: mcp-coordinator hook <event> [--client ${HOOK_CLIENTS.join("|")}] [--url <coordinator url>] [--timeout-ms <n>]`;

const HELP = `${USAGE}

Runs one agent-client hook: reads the client's hook JSON on stdin and writes the client's answer on
stdout (init --write-*-hooks wires it). <event> is the client's own event name, e.g. PreToolUse,
PostToolUse, UserPromptSubmit, Stop, SessionStart for Claude Code. Whatever happens, it answers "allow"
before the timeout.

  --client <name>     whose hook format to read and answer (default claude)
  --url <url>         the coordinator (default: MCP_COORDINATOR_URL, ~/.mcp-coordinator/config.json,
                      then http://127.0.0.1:$PORT or 3100)
  --timeout-ms <n>    the whole hook's budget (default: MCP_COORDINATOR_HOOK_TIMEOUT_MS, then ${DEFAULT_HOOK_TIMEOUT_MS})
  -h, --help          this text
`;

/**
 * `mcp-coordinator hook <event>`: the client's hook JSON on stdin, its answer on stdout. Loaded without
 * commander or zod (bin.ts dispatches here first) because it runs on every edit. Whatever happens, the
 * process answers "allow" within the timeout: a coordination tool must never wedge the client.
 */
export async function runHook(argv: readonly string[]): Promise<void> {
  const started = Date.now();
  const args = parseArgs(argv);
  if ("help" in args) {
    process.stdout.write(HELP, () => process.exit(0));
    return;
  }
  if ("error" in args) {
    process.stderr.write(`mcp-coordinator hook: ${args.error}\n${USAGE}\n`);
    process.exit(1);
  }
  const adapter = ADAPTERS[args.client];
  const settings = resolveHookSettings({ url: args.url, timeoutMs: args.timeoutMs }, process.env);
  const deadline = started + settings.timeoutMs;
  let answered = false;
  const finish = (answer: HookAnswer) => {
    if (answered) return;
    answered = true;
    process.stdout.write(answer.stdout, () => process.exit(answer.exitCode));
  };
  setTimeout(() => finish(adapter.allow(args.event)), Math.max(0, deadline - Date.now() - 20)).unref();
  try {
    const raw = await readStdin();
    const input = raw.trim() === "" ? {} : (JSON.parse(raw) as Record<string, unknown>);
    const request = adapter.parse(args.event, input, process.env);
    if (request.kind === "ignore") return finish(adapter.allow(request.event));
    const fresh = await withFreshStoredToken(
      settings,
      deadline,
      (line) => process.stderr.write(`${line}\n`),
      {
        verbose: process.env.MCP_COORDINATOR_HOOK_DEBUG === "1",
      },
    );
    const outcome = await handleHook(
      request,
      hookContext(request, process.env),
      fresh,
      deadline,
      adapter.toolContextAt,
    );
    finish(adapter.render(request, outcome));
  } catch (error) {
    process.stderr.write(`mcp-coordinator hook: ${(error as Error).message}\n`);
    finish(adapter.allow(args.event));
  }
}

type Args =
  | { event: string; client: HookClient; url: string | undefined; timeoutMs: number | undefined }
  | { error: string }
  | { help: true };

function parseArgs(argv: readonly string[]): Args {
  let event: string | undefined;
  let client: HookClient = "claude";
  let url: string | undefined;
  let timeoutMs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith("--") ? (arg.split(/=(.*)/s, 2) as [string, string?]) : [arg];
    const value = () => inline ?? argv[++i];
    if (flag === "--help" || flag === "-h") return { help: true };
    if (flag === "--client") {
      const c = value();
      if (!(HOOK_CLIENTS as readonly (string | undefined)[]).includes(c))
        return { error: `unknown client "${c}" (one of ${HOOK_CLIENTS.join(", ")})` };
      client = c as HookClient;
    } else if (flag === "--url") url = value();
    else if (flag === "--timeout-ms") timeoutMs = Number(value());
    else if (flag.startsWith("-")) return { error: `unknown option ${flag}` };
    else event ??= arg;
  }
  if (!event) return { error: "missing <event>" };
  return { event, client, url, timeoutMs: Number.isFinite(timeoutMs) ? timeoutMs : undefined };
}

function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return Promise.resolve("");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on("data", (c: Buffer) => chunks.push(c));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}
