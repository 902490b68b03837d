import { instanceFiles, instanceState } from "../daemon/instance-files.js";
import { loadCliConfig } from "../load-config.js";
import { colors, print } from "../output.js";

interface StatusSummary {
  readonly running: boolean;
  readonly pid: number | null;
  readonly url: string | null;
  readonly mcp_url: string | null;
  readonly mqtt_url: string | null;
  readonly version: string | null;
  readonly uptime_s: number | null;
  readonly ready: boolean;
  readonly agents_online: number | null;
  readonly open_threads: number | null;
  readonly pid_file: string;
  readonly log_file: string;
  readonly problem: string | null;
}

/** Exit code 0 when the instance runs and answers, 1 otherwise (scripts can test it). */
export async function run(flags: { dataDir?: string; json?: boolean }): Promise<void> {
  const config = loadCliConfig(flags);
  const files = instanceFiles(config.dataDir);
  const state = instanceState(files);
  const base = { pid_file: files.pidFile, log_file: files.logFile };
  let summary: StatusSummary;
  if (state.state !== "running") {
    summary = {
      ...base,
      running: false,
      pid: state.state === "stale" ? (state.info?.pid ?? null) : null,
      url: null,
      mcp_url: null,
      mqtt_url: null,
      version: null,
      uptime_s: null,
      ready: false,
      agents_online: null,
      open_threads: null,
      problem: state.state === "stale" ? "stale PID file: the process is gone" : null,
    };
  } else {
    const { info } = state;
    const get = (path: string) =>
      fetch(`${info.url}${path}`, { signal: AbortSignal.timeout(3000) }).then(async (r) => ({
        ok: r.ok,
        body: (await r.json()) as Record<string, unknown>,
      }));
    try {
      const [health, ready, status] = await Promise.all([
        get("/health"),
        get("/health/ready"),
        get("/api/status"),
      ]);
      const counts = status.body.thread_counts as Record<string, number> | undefined;
      summary = {
        ...base,
        running: true,
        pid: info.pid,
        url: info.url,
        mcp_url: info.mcp_url,
        mqtt_url: info.mqtt_url,
        version: String(health.body.version),
        uptime_s: Number(health.body.uptime_s),
        ready: ready.ok,
        agents_online: Array.isArray(status.body.agents) ? status.body.agents.length : null,
        open_threads: counts ? (counts.open ?? 0) + (counts.resolving ?? 0) : null,
        problem: ready.ok ? null : "not ready (see /health/ready)",
      };
    } catch (error) {
      summary = {
        ...base,
        running: true,
        pid: info.pid,
        url: info.url,
        mcp_url: info.mcp_url,
        mqtt_url: info.mqtt_url,
        version: info.version,
        uptime_s: null,
        ready: false,
        agents_online: null,
        open_threads: null,
        problem: `process alive but ${info.url} does not answer (${(error as Error).message})`,
      };
    }
  }
  if (flags.json) {
    print(JSON.stringify(summary, null, 2));
  } else {
    const c = colors();
    if (!summary.running) {
      print(`${c.red("✖")} not running${summary.problem ? ` (${summary.problem})` : ""}`);
    } else {
      print(
        `${summary.ready ? c.green("✔") : c.yellow("!")} running (pid ${summary.pid}), version ${summary.version}`,
      );
      print(`  MCP            ${summary.mcp_url}`);
      if (summary.mqtt_url) print(`  MQTT           ${summary.mqtt_url}`);
      print(`  dashboard      ${summary.url}/dashboard/`);
      if (summary.uptime_s !== null) print(`  uptime         ${summary.uptime_s} s`);
      if (summary.agents_online !== null) print(`  agents online  ${summary.agents_online}`);
      if (summary.open_threads !== null) print(`  open threads   ${summary.open_threads}`);
      print(`  log            ${summary.log_file}`);
      if (summary.problem) print(`  ${c.yellow(summary.problem)}`);
    }
  }
  if (!summary.running || !summary.ready) process.exitCode = 1;
}
