// pnpm bench:soak [--minutes 10] [--agents 100]: the server under a team's churn for a bounded time. The
// built binary runs on SQLite; half the agents speak MCP (register, announce_work, post_to_thread,
// propose/approve, heartbeat, disconnect, reconnect), half go through the hook routes and REST as the hook
// runner does (session, pre-edit, post-edit, announce, session-end). Halfway the server is killed with
// SIGKILL and restarted on the same data dir and port. Every minute it prints the server's RSS and the
// database and WAL sizes. At the end, once every consultation's deadline has passed, it reads the database
// and prints, against their floor of 0: acknowledged writes missing and threads still open past their
// deadline. Asserts nothing. Needs `pnpm build` first.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { freePort } from "@mcp-coordinator/test-support";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import Database from "better-sqlite3";

const { values } = parseArgs({
  options: { minutes: { type: "string", default: "10" }, agents: { type: "string", default: "100" } },
});
const MINUTES = Number(values.minutes);
const AGENTS = Number(values.agents);
if (!(MINUTES > 0 && MINUTES <= 60) || !Number.isInteger(AGENTS) || AGENTS < 2 || AGENTS > 1_000) {
  console.error(
    "soak: --minutes must be a number from 0 (exclusive) to 60, --agents an integer from 2 to 1000",
  );
  process.exit(2);
}
const CONSULTATION_TIMEOUT_MS = 60_000;
const FILES = 40;
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "mcpc-soak-"));
const dbPath = join(dataDir, "coordinator.db");
const port = await freePort();
const base = `http://127.0.0.1:${port}`;

// ── the server ─────────────────────────────────────────────────────────────────────────────────────
let server: ChildProcess;
function startServer(): ChildProcess {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("COORDINATOR_")) env[k] = v;
  return spawn(
    process.execPath,
    [BIN, "server", "start", "--port", String(port), "--mqtt-port", "0", "--data-dir", dataDir],
    {
      env: {
        ...env,
        HOME: dataDir,
        LOG_LEVEL: "warn",
        COORDINATOR_CONSULTATION_TIMEOUT_MS: String(CONSULTATION_TIMEOUT_MS),
        COORDINATOR_RECONNECT_GRACE_MS: "5000",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
}
async function waitReady(): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (
      await fetch(`${base}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(100);
  }
  throw new Error("the server did not become ready within 60 s");
}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const file = () => `src/module-${Math.floor(Math.random() * FILES)}.ts`;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);
function rssOf(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
    return line ? Number(line[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

// ── what the agents were told succeeded ──────────────────────────────────────────────────────────
const acked = { announcements: new Set<string>(), posts: new Set<string>(), edits: [] as [string, string][] };
const counts = { ok: 0, refused: 0, failed: 0 };
/** Why calls failed (not refusals): the first line of each message, counted. */
const failures = new Map<string, number>();
let lastThreadAt = 0;

type Tool = (name: string, args: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** An MCP agent: its session comes and goes; a lost server means a new session and register_agent. */
function mcpAgent(id: string) {
  let client: Client | null = null;
  const threads: string[] = [];
  const connect = async () => {
    const next = new Client({ name: id, version: "1.0.0" });
    await next.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    client = next;
    await call("register_agent", { agent_id: id, name: id });
  };
  const call: Tool = async (name, args) => {
    if (!client) throw new Error("not connected");
    const result = await client.callTool({ name, arguments: args });
    if (result.isError) throw Object.assign(new Error(JSON.stringify(result.content)), { refused: true });
    return (result.structuredContent ?? {}) as Record<string, unknown>;
  };
  const disconnect = async () => {
    const old = client;
    client = null;
    await old?.close().catch(() => undefined);
  };
  const step = async () => {
    if (!client) return connect();
    const thread = threads.at(-1);
    const roll = Math.random();
    if (roll < 0.3) {
      const answer = await call("announce_work", {
        subject: `work of ${id}`,
        target_files: [file(), file()],
      });
      acked.announcements.add(String(answer.announcement_id));
      if (typeof answer.thread_id === "string") {
        threads.push(answer.thread_id);
        lastThreadAt = Date.now();
      }
    } else if (roll < 0.5 && thread) {
      const content = `soak post ${id} ${Date.now()} ${Math.random()}`;
      await call("post_to_thread", { thread_id: thread, type: "context", content });
      acked.posts.add(content);
    } else if (roll < 0.6 && thread) {
      await call("propose_resolution", { thread_id: thread, content: `${id} goes first` });
    } else if (roll < 0.7 && thread) {
      await call("approve_resolution", { thread_id: thread });
    } else if (roll < 0.95) {
      await call("heartbeat", { current_file: file() });
    } else {
      await disconnect();
    }
  };
  return { step, stop: disconnect, lost: () => void disconnect() };
}

/** A hook agent: the routes the hook runner calls, plus REST announce. */
function hookAgent(id: string) {
  let inSession = false;
  const post = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-agent-id": id },
      body: JSON.stringify({ agent_id: id, name: id, ...body }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status >= 400)
      throw Object.assign(new Error(JSON.stringify(json)), { refused: response.status < 500 });
    return json;
  };
  const step = async () => {
    if (!inSession) {
      await post("/api/hooks/session", {});
      inSession = true;
      return;
    }
    const roll = Math.random();
    if (roll < 0.25) {
      const answer = await post("/api/announce", { subject: `work of ${id}`, target_files: [file()] });
      acked.announcements.add(String(answer.announcement_id));
      if (typeof answer.thread_id === "string") lastThreadAt = Date.now();
    } else if (roll < 0.55) {
      await post("/api/hooks/pre-edit", { path: file(), claim: "if-clear" });
    } else if (roll < 0.9) {
      const path = file();
      const answer = await post("/api/hooks/post-edit", { paths: [path], action: "edit" });
      if (answer.recorded === 1) acked.edits.push([id, path]);
    } else {
      await post("/api/hooks/session-end", {});
      inSession = false;
    }
  };
  return { step, stop: async () => undefined, lost: () => undefined };
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────────
server = startServer();
await waitReady();
const agents = Array.from({ length: AGENTS }, (_, i) =>
  i % 2 === 0 ? mcpAgent(`mcp-${i}`) : hookAgent(`hook-${i}`),
);
const started = Date.now();
const endAt = started + MINUTES * 60_000;
let running = true;

async function drive(agent: ReturnType<typeof mcpAgent>): Promise<void> {
  while (running && Date.now() < endAt) {
    try {
      await agent.step();
      counts.ok += 1;
    } catch (error) {
      if ((error as { refused?: boolean }).refused) counts.refused += 1;
      else {
        counts.failed += 1;
        const why =
          String((error as Error).message ?? error)
            .split("\n")[0]
            ?.slice(0, 100) ?? "";
        failures.set(why, (failures.get(why) ?? 0) + 1);
        agent.lost();
      }
    }
    await sleep(300 + Math.random() * 900);
  }
}

console.log(
  `soak: ${AGENTS} agents (${Math.ceil(AGENTS / 2)} MCP, ${Math.floor(AGENTS / 2)} hooks) for ${MINUTES} min on ${base}, data ${dataDir}`,
);
console.log("minute | calls ok | refused | failed | server RSS (MB) | database (MB) | WAL (MB)");
const report = (label: string) =>
  console.log(
    [
      label.padStart(6),
      String(counts.ok).padStart(8),
      String(counts.refused).padStart(7),
      String(counts.failed).padStart(6),
      mb(rssOf(server.pid)).padStart(15),
      mb(size(dbPath)).padStart(13),
      mb(size(`${dbPath}-wal`)).padStart(8),
    ].join(" | "),
  );
const perMinute = setInterval(() => report(String(Math.round((Date.now() - started) / 60_000))), 60_000);
const kill = (async () => {
  await sleep((MINUTES * 60_000) / 2);
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGKILL");
  await exited;
  console.log(`kill -9 of the server at ${((Date.now() - started) / 60_000).toFixed(1)} min; restarting`);
  const down = Date.now();
  server = startServer();
  await waitReady();
  console.log(`ready again after ${((Date.now() - down) / 1000).toFixed(1)} s`);
})();
await Promise.all([...agents.map(drive), kill]);
running = false;
clearInterval(perMinute);
report("end");
await Promise.all(agents.map((a) => a.stop()));

// Every consultation opened during the run has passed its deadline (plus a second for the sweep).
const settleUntil = lastThreadAt + CONSULTATION_TIMEOUT_MS + 1_500;
if (settleUntil > Date.now()) {
  console.log(
    `waiting ${Math.round((settleUntil - Date.now()) / 1000)} s for the last consultation's deadline`,
  );
  await sleep(settleUntil - Date.now());
}
const db = new Database(dbPath, { readonly: true });
const now = Date.now();
const announcementIds = new Set(db.prepare("SELECT id FROM announcements").pluck().all() as string[]);
const contents = new Set(db.prepare("SELECT content FROM messages").pluck().all() as string[]);
const editSeen = db.prepare("SELECT 1 FROM file_activity WHERE agent_id = ? AND path = ? LIMIT 1").pluck();
const missing = {
  announcements: [...acked.announcements].filter((id) => !announcementIds.has(id)).length,
  posts: [...acked.posts].filter((c) => !contents.has(c)).length,
  edits: acked.edits.filter(([agent, path]) => !editSeen.get(agent, path)).length,
};
const stuck = db
  .prepare("SELECT count(*) FROM threads WHERE status IN ('open', 'resolving') AND deadline_at < ?")
  .pluck()
  .get(now - 1_000) as number;
const threads = db.prepare("SELECT status, count(*) AS n FROM threads GROUP BY status").all() as {
  status: string;
  n: number;
}[];
db.close();
const exited = new Promise((resolve) => server.once("exit", resolve));
server.kill("SIGTERM");
await exited;

const topFailures = [...failures].sort((a, b) => b[1] - a[1]).slice(0, 5);
for (const [why, n] of topFailures) console.log(`failed ${n}×: ${why}`);
console.log(`threads by status: ${threads.map((t) => `${t.status} ${t.n}`).join(", ")}`);
const rows = [
  ["check", "value", "floor", "ratio"],
  [
    `acknowledged announcements missing (of ${acked.announcements.size})`,
    String(missing.announcements),
    "0",
    "—",
  ],
  [`acknowledged posts missing (of ${acked.posts.size})`, String(missing.posts), "0", "—"],
  [`acknowledged edits missing (of ${acked.edits.length})`, String(missing.edits), "0", "—"],
  ["threads open past their deadline (+1 s)", String(stuck), "0", "—"],
];
for (const row of rows) console.log(row.map((c, j) => (j === 0 ? c.padEnd(52) : c.padStart(8))).join(" | "));
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
