import { connect } from "node:net";
import type { ServerConfig } from "../server/config/resolve-config.js";
import { VERSION } from "../version.js";
import { instanceFiles, instanceState } from "./daemon/instance-files.js";
import { type HealthMqtt, mqttTarget } from "./doctor-mqtt-target.js";
import { loadCliConfig } from "./load-config.js";
import { colors, print } from "./output.js";

export interface DoctorFlags {
  readonly host?: string;
  readonly port?: number;
  readonly mqttPort?: number;
  readonly tls?: boolean;
  readonly dataDir?: string;
  /** Also check jwt mode: secret, clock skew, MCP_COORDINATOR_TOKEN. */
  readonly auth?: boolean;
}

interface CheckResult {
  readonly ok: boolean;
  readonly detail: string;
  readonly hint?: string;
}

const TIMEOUT_MS = 5_000;

/** One ✔/✖ line per check, with a hint under each ✖; exit code 1 when any check fails. */
export async function run(flags: DoctorFlags): Promise<void> {
  const c = colors();
  let failures = 0;
  const hinted = new Set<string>();
  const report = (name: string, result: CheckResult) => {
    if (!result.ok) failures += 1;
    print(`${result.ok ? c.green("✔") : c.red("✖")} ${name.padEnd(16)} ${result.detail}`);
    // One hint says it once: five checks skipped for the same reason share the first one's hint.
    if (!result.ok && result.hint && !hinted.has(result.hint)) {
      hinted.add(result.hint);
      print(`  ${c.dim("hint:")} ${result.hint}`);
    }
  };

  let config: ServerConfig | null = null;
  try {
    config = loadCliConfig(flags.dataDir ? { dataDir: flags.dataDir } : {});
    report("config", { ok: true, detail: `valid (data dir ${config.dataDir})` });
  } catch (error) {
    report("config", {
      ok: false,
      detail: (error as Error).message,
      hint: "fix the value named above (flag, environment variable or ~/.mcp-coordinator/config.json)",
    });
  }

  // Target: flags, else the running instance of this data dir, else the configured defaults.
  const running = config ? instanceState(instanceFiles(config.dataDir)) : null;
  const info = running?.state === "running" ? running.info : null;
  const infoUrl = info ? new URL(info.url) : null;
  const host =
    flags.host ?? infoUrl?.hostname ?? (config && config.bind !== "0.0.0.0" ? config.bind : "127.0.0.1");
  const port = flags.port ?? (infoUrl ? Number(infoUrl.port) : (config?.port ?? 3100));
  const mqttPort =
    flags.mqttPort ?? (info?.mqtt_url ? Number(new URL(info.mqtt_url).port) : (config?.mqttTcpPort ?? 1883));
  const base = `${flags.tls ? "https" : "http"}://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}${
    (flags.tls && port === 443) || (!flags.tls && port === 80) ? "" : `:${port}`
  }`;
  const startHint = "start it with: mcp-coordinator server start --daemon (or pass --host/--port)";

  let healthMqtt: HealthMqtt | null = null;
  let isCoordinator = false;
  const alive = await check(() => tcpConnect(host, port), "accepting connections");
  report("server", alive.ok ? { ok: true, detail: `${base} is up` } : { ...alive, hint: startHint });
  if (!alive.ok) {
    for (const name of ["/health", "/health/ready", "MCP", "dashboard"]) {
      report(name, { ok: false, detail: "skipped: server not reachable", hint: startHint });
    }
  } else {
    report(
      "/health",
      await check(async () => {
        const body = await getJson(`${base}/health`).catch((error: Error) => {
          throw new Error(`${base} answers, but not as an mcp-coordinator (/health: ${error.message})`);
        });
        if (typeof body.version !== "string" || typeof body.mode !== "string")
          throw new Error(`${base} answers, but not as an mcp-coordinator (no version/mode in /health)`);
        isCoordinator = true;
        healthMqtt = (body.mqtt as HealthMqtt | undefined) ?? null;
        const warnings = (body.warnings as string[] | undefined) ?? [];
        return `version ${body.version}, mode ${body.mode}${warnings.length ? `; warnings: ${warnings.join("; ")}` : ""}`;
      }, "is the port held by another program?"),
    );
    report(
      "/health/ready",
      await check(async () => {
        const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
        const body = (await res.json()) as { checks?: Record<string, { ok: boolean; detail: string }> };
        const failing = Object.entries(body.checks ?? {}).filter(([, v]) => !v.ok);
        if (!res.ok) throw new Error(`503: ${failing.map(([k, v]) => `${k} ${v.detail}`).join("; ")}`);
        return "store, broker and sweepers ready";
      }, "see the server log: mcp-coordinator server logs"),
    );
    report("MCP", await check(() => mcpProbe(`${base}/mcp`), "is /mcp served? see /health warnings"));
    report(
      "dashboard",
      await check(async () => {
        const res = await fetch(`${base}/dashboard/`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return `${base}/dashboard/`;
      }, "open the URL in a browser to see the error"),
    );
  }
  const target = mqttTarget({
    flagPort: flags.mqttPort,
    serverUp: alive.ok && isCoordinator,
    health: healthMqtt,
    fallbackPort: mqttPort,
    // A running instance without a TCP listener (its default port was held by another broker).
    fallbackWsOnly: info !== null && info.mqtt_url === null,
    host,
    base,
    tls: flags.tls === true,
    wsPath: config?.mqttWsPath ?? "/mqtt",
  });
  report(
    "MQTT",
    target.probe
      ? await check(() => mqttProbe(target.url), target.hint)
      : { ok: target.ok, detail: target.detail, ...(target.hint ? { hint: target.hint } : {}) },
  );
  if (flags.auth) {
    const { authChecks } = await import("./doctor-auth.js");
    for (const { name, ...result } of await authChecks(config, alive.ok ? base : null)) report(name, result);
  }
  print("");
  print(failures === 0 ? c.green("all checks passed") : c.red(`${failures} check(s) failed`));
  if (failures > 0) process.exitCode = 1;
}

async function check(fn: () => Promise<string>, hint: string): Promise<CheckResult> {
  try {
    return { ok: true, detail: await fn() };
  } catch (error) {
    return { ok: false, detail: (error as Error).message || String(error), hint };
  }
}

function tcpConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: TIMEOUT_MS });
    socket.once("connect", () => {
      socket.destroy();
      resolve("up");
    });
    socket.once("timeout", () => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:${port} within ${TIMEOUT_MS} ms`));
    });
    socket.once("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(`${host}:${port}: ${error.code ?? error.message}`)),
    );
  });
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

async function mcpProbe(url: string): Promise<string> {
  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  const { StreamableHTTPClientTransport } = await import(
    "@modelcontextprotocol/sdk/client/streamableHttp.js"
  );
  const client = new Client({ name: "mcp-coordinator-doctor", version: VERSION });
  const token = process.env.MCP_COORDINATOR_TOKEN?.trim();
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    ...(token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {}),
  });
  await client.connect(transport, { timeout: TIMEOUT_MS });
  try {
    const { tools } = await client.listTools(undefined, { timeout: TIMEOUT_MS });
    const server = client.getServerVersion();
    return `initialize ok (${server?.name ?? "server"} ${server?.version ?? ""}), ${tools.length} tools`;
  } finally {
    await transport.terminateSession().catch(() => {});
    await client.close().catch(() => {});
  }
}

async function mqttProbe(url: string): Promise<string> {
  const mqtt = await import("mqtt");
  const client = await mqtt.connectAsync(url, {
    connectTimeout: TIMEOUT_MS,
    reconnectPeriod: 0,
    clientId: `doctor-${process.pid}-${Date.now()}`,
    // jwt mode: the token is the MQTT password.
    ...(process.env.MCP_COORDINATOR_TOKEN?.trim()
      ? { username: "token", password: process.env.MCP_COORDINATOR_TOKEN.trim() }
      : {}),
  });
  await client.endAsync();
  return `CONNECT accepted at ${url}`;
}
