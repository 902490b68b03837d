import { isIP } from "node:net";
import { ORG_ID_PATTERN } from "@mcp-coordinator/core";
import { z } from "zod";

/**
 * Every setting the server reads, with where it may come from. Resolution order per setting:
 * command-line flag → environment variable → config.json (`server.<file key>`) → default.
 * `allowed` is what an error message shows when a value is rejected.
 */
export interface Setting<T> {
  /** Dotted key in ServerConfig, e.g. `layer4.sinceDays`. */
  readonly key: string;
  /** Flag name as commander stores it (camelCase), when there is one. */
  readonly flag?: string;
  readonly env?: string;
  /** Other variables naming the same setting, read before `env` (a newer spelling wins over the spec's). */
  readonly envAlso?: readonly string[];
  /** Dotted snake_case key under `server` in config.json. */
  readonly file: string;
  readonly schema: z.ZodType<T>;
  readonly allowed: string;
  readonly default: T;
  /** A credential: a rejected value is never echoed in the error. */
  readonly secret?: boolean;
}

const digits = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number),
]);
const int = (min: number, max: number) => digits.pipe(z.number().int().min(min).max(max));
const bool = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["true", "false", "1", "0", "yes", "no"]))
    .transform((v) => v === "true" || v === "1" || v === "yes"),
]);
const list = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(","))])
  .transform((items) => items.map((s) => s.trim()).filter((s) => s !== ""));
const path = z.string().trim().min(1);
/**
 * One host name a browser may use to reach the coordinator (`Host`, RFC 9110 §7.2, without the port): a
 * DNS name, an IPv4 address or an IPv6 address (stored in brackets, as it appears in `Host`).
 */
const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .transform((h) => (isIP(h) === 6 ? `[${h}]` : h))
  .refine(
    (h) =>
      isIP(h) === 4 ||
      (h.startsWith("[") && h.endsWith("]") && isIP(h.slice(1, -1)) === 6) ||
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(h),
  );
const hostList = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(","))])
  .transform((items) => items.map((s) => s.trim()).filter((s) => s !== ""))
  .pipe(z.array(hostName));
const publicUrl = z
  .string()
  .trim()
  .refine((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
    } catch {
      return false;
    }
  })
  .nullable();
const host = z
  .string()
  .trim()
  .refine((h) => isIP(h) !== 0 || /^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/.test(h));
const urlPath = z
  .string()
  .trim()
  .regex(/^\/[A-Za-z0-9._~/-]*$/)
  .refine(
    (p) =>
      !["/mcp", "/api", "/dashboard", "/health", "/healthz"].some((r) => p === r || p.startsWith(`${r}/`)),
  );

/**
 * `--auth open|jwt|oauth`, `COORDINATOR_AUTH=open|jwt|oauth`, or the spec's
 * `COORDINATOR_AUTH_ENABLED=true|false` (true means jwt): every spelling lands on one mode, so the flag
 * and the env vars can sit in the same row of the table.
 */
const authMode = z
  .union([z.boolean(), z.string().trim().toLowerCase()])
  .transform((v) =>
    v === true || v === "jwt" || v === "true" || v === "1" || v === "yes"
      ? "jwt"
      : v === false || v === "open" || v === "false" || v === "0" || v === "no"
        ? "open"
        : v === "oauth"
          ? "oauth"
          : null,
  )
  .pipe(z.enum(["open", "jwt", "oauth"]));

function setting<T>(s: Setting<T>): Setting<T> {
  return s;
}

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export const SETTINGS = [
  setting({
    key: "port",
    flag: "port",
    env: "PORT",
    file: "port",
    schema: int(0, 65_535),
    allowed: "an integer from 0 to 65535 (0 picks a free port)",
    default: 3100,
  }),
  setting({
    key: "bind",
    flag: "bind",
    env: "COORDINATOR_BIND",
    file: "bind",
    schema: host,
    allowed: "an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0",
    default: "127.0.0.1",
  }),
  setting({
    key: "allowedHosts",
    flag: "allowedHosts",
    env: "COORDINATOR_ALLOWED_HOSTS",
    file: "allowed_hosts",
    schema: hostList,
    allowed:
      "comma-separated host names or IP addresses browsers use to reach this server, without scheme or port, e.g. coord.lan,10.0.0.5 (--allowed-hosts)",
    default: [] as string[],
  }),
  setting({
    key: "publicUrl",
    flag: "publicUrl",
    env: "COORDINATOR_PUBLIC_URL",
    file: "public_url",
    schema: publicUrl,
    allowed: "an http:// or https:// URL without credentials, e.g. https://coord.example.com (--public-url)",
    default: null as string | null,
  }),
  setting({
    key: "dataDir",
    flag: "dataDir",
    env: "COORDINATOR_DATA_DIR",
    file: "data_dir",
    schema: path,
    allowed: "a directory path",
    default: "~/.mcp-coordinator/data",
  }),
  setting({
    key: "mqttTcpPort",
    flag: "mqttPort",
    env: "COORDINATOR_MQTT_TCP_PORT",
    file: "mqtt_tcp_port",
    schema: int(0, 65_535),
    allowed: "an integer from 0 to 65535 (0 picks a free port)",
    default: 1883,
  }),
  setting({
    key: "mqttWsPath",
    env: "COORDINATOR_MQTT_WS_PATH",
    file: "mqtt_ws_path",
    schema: urlPath,
    allowed: "a URL path such as /mqtt that does not clash with /mcp, /api, /dashboard or /health",
    default: "/mqtt",
  }),
  setting({
    key: "logLevel",
    env: "LOG_LEVEL",
    file: "log_level",
    schema: z.string().trim().toLowerCase().pipe(z.enum(LOG_LEVELS)),
    allowed: LOG_LEVELS.join(", "),
    default: "info" as LogLevelName,
  }),
  setting({
    key: "maxBodyBytes",
    env: "COORDINATOR_MAX_BODY_BYTES",
    file: "max_body_bytes",
    schema: int(1024, 64 * 1024 * 1024),
    allowed: "an integer number of bytes from 1024 to 67108864",
    default: 1_048_576,
  }),
  setting({
    key: "databaseUrl",
    flag: "databaseUrl",
    env: "COORDINATOR_DATABASE_URL",
    file: "database_url",
    schema: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/\S+$/)
      .nullable(),
    allowed:
      "a PostgreSQL URL such as postgres://user@db.internal:5432/coordinator (unset: SQLite in the data dir)",
    default: null as string | null,
  }),
  setting({
    key: "mqttUrl",
    flag: "mqttUrl",
    env: "COORDINATOR_MQTT_URL",
    file: "mqtt_url",
    schema: z
      .string()
      .trim()
      .regex(/^(mqtts?|wss?):\/\/\S+$/)
      .nullable(),
    allowed: "an MQTT broker URL such as mqtt://broker.internal:1883 (unset: the embedded broker)",
    default: null as string | null,
  }),
  setting({
    key: "redisUrl",
    flag: "redisUrl",
    env: "COORDINATOR_REDIS_URL",
    file: "redis_url",
    schema: z
      .string()
      .trim()
      .regex(/^rediss?:\/\/\S+$/)
      .nullable(),
    allowed:
      "a Redis URL such as redis://cache.internal:6379/0: the embedded broker is clustered over it with the other instances (unset: not clustered)",
    default: null as string | null,
  }),
  setting({
    key: "instanceId",
    flag: "instanceId",
    env: "COORDINATOR_INSTANCE_ID",
    file: "instance_id",
    schema: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
      .nullable(),
    allowed:
      'this instance\'s name among several: 1-40 letters, digits, ".", "_" or "-", starting with a letter or digit (unset: <host>-<pid>)',
    default: null as string | null,
  }),
  setting({
    key: "repoRoot",
    flag: "repoRoot",
    env: "COORDINATOR_REPO_ROOT",
    file: "repo_root",
    schema: path.nullable(),
    allowed: "the path of a git working tree",
    default: null as string | null,
  }),
  setting({
    key: "layer4.enabled",
    env: "COORDINATOR_LAYER4_ENABLED",
    file: "layer4.enabled",
    schema: bool,
    allowed: "true or false",
    default: true,
  }),
  setting({
    key: "layer4.sinceDays",
    env: "COORDINATOR_LAYER4_SINCE_DAYS",
    file: "layer4.since_days",
    schema: int(1, 3650),
    allowed: "an integer number of days from 1 to 3650",
    default: 7,
  }),
  setting({
    key: "layer4.maxCommits",
    env: "COORDINATOR_LAYER4_MAX_COMMITS",
    file: "layer4.max_commits",
    schema: int(1, 1_000_000),
    allowed: "an integer from 1 to 1000000",
    default: 2000,
  }),
  setting({
    key: "layer4.maxFilesPerCommit",
    env: "COORDINATOR_LAYER4_MAX_FILES_PER_COMMIT",
    file: "layer4.max_files_per_commit",
    schema: int(2, 100_000),
    allowed: "an integer from 2 to 100000 (larger commits are skipped as bulk changes)",
    default: 50,
  }),
  setting({
    key: "layer4.denylist",
    env: "COORDINATOR_LAYER4_DENYLIST",
    file: "layer4.denylist",
    schema: list,
    allowed: "comma-separated globs (appended to the built-in lock-file and build-output list)",
    default: [] as string[],
  }),
  setting({
    key: "layer4.refreshIntervalMs",
    env: "COORDINATOR_LAYER4_REFRESH_INTERVAL_MS",
    file: "layer4.refresh_interval_ms",
    schema: int(1000, 7 * 24 * 3_600_000),
    allowed: "an integer number of milliseconds from 1000 to 604800000",
    default: 1_800_000,
  }),
  setting({
    key: "layer4.retryMs",
    env: "COORDINATOR_LAYER4_RETRY_MS",
    file: "layer4.retry_ms",
    schema: int(1000, 24 * 3_600_000),
    allowed: "an integer number of milliseconds from 1000 to 86400000",
    default: 300_000,
  }),
  setting({
    key: "layer4.sharedPollMs",
    env: "COORDINATOR_LAYER4_SHARED_POLL_MS",
    file: "layer4.shared_poll_ms",
    schema: int(100, 3_600_000),
    allowed: "an integer number of milliseconds from 100 to 3600000",
    default: 10_000,
  }),
  setting({
    key: "layer4.timeoutMs",
    env: "COORDINATOR_LAYER4_TIMEOUT_MS",
    file: "layer4.timeout_ms",
    schema: int(1000, 3_600_000),
    allowed: "an integer number of milliseconds from 1000 to 3600000",
    default: 30_000,
  }),
  setting({
    key: "workingFiles.ttlMin",
    env: "COORDINATOR_WORKING_FILES_TTL_MIN",
    file: "working_files.ttl_min",
    schema: int(1, 24 * 60),
    allowed: "an integer number of minutes from 1 to 1440",
    default: 30,
  }),
  setting({
    key: "workingFiles.sweepIntervalMs",
    env: "COORDINATOR_WORKING_FILES_SWEEP_INTERVAL_MS",
    file: "working_files.sweep_interval_ms",
    schema: int(100, 3_600_000),
    allowed: "an integer number of milliseconds from 100 to 3600000",
    default: 60_000,
  }),
  setting({
    key: "auth",
    flag: "auth",
    env: "COORDINATOR_AUTH_ENABLED",
    envAlso: ["COORDINATOR_AUTH"],
    file: "auth",
    schema: authMode,
    allowed: "open, jwt or oauth (--auth or COORDINATOR_AUTH; COORDINATOR_AUTH_ENABLED=true means jwt)",
    default: "open" as "open" | "jwt" | "oauth",
  }),
  setting({
    key: "insecureOpenOnNetwork",
    flag: "insecureOpenOnNetwork",
    env: "COORDINATOR_INSECURE_OPEN_ON_NETWORK",
    file: "insecure_open_on_network",
    schema: bool,
    allowed: "true or false (--insecure-open-on-network)",
    default: false,
  }),
  setting({
    key: "rateLimit.perMinute",
    env: "COORDINATOR_RATE_LIMIT_PER_MIN",
    file: "rate_limit.per_minute",
    schema: int(0, 1_000_000).nullable(),
    allowed:
      "writes per minute per caller, an integer from 0 (off) to 1000000 (unset: 600 in jwt mode, off in open mode)",
    default: null as number | null,
  }),
  setting({
    key: "rateLimit.burst",
    env: "COORDINATOR_RATE_LIMIT_BURST",
    file: "rate_limit.burst",
    schema: int(1, 1_000_000),
    allowed: "an integer from 1 to 1000000: writes a caller may make at once",
    default: 60,
  }),
  setting({
    key: "maxConsulted",
    flag: "maxConsulted",
    env: "COORDINATOR_MAX_CONSULTED",
    file: "max_consulted",
    schema: int(1, 100),
    allowed: "an integer from 1 to 100: the most affected agents a consultation involves",
    default: 8,
  }),
  setting({
    key: "consultationTimeoutMs",
    env: "COORDINATOR_CONSULTATION_TIMEOUT_MS",
    file: "consultation_timeout_ms",
    schema: int(10_000, 86_400_000),
    allowed: "an integer number of milliseconds from 10000 to 86400000",
    default: 600_000,
  }),
  setting({
    key: "reconnectGraceMs",
    env: "COORDINATOR_RECONNECT_GRACE_MS",
    file: "reconnect_grace_ms",
    schema: int(1000, 3_600_000),
    allowed: "an integer number of milliseconds from 1000 to 3600000",
    default: 30_000,
  }),
  setting({
    key: "auditRetentionDays",
    env: "COORDINATOR_AUDIT_RETENTION_DAYS",
    file: "audit_retention_days",
    schema: int(0, 36_500),
    allowed:
      "a whole number of days from 0 to 36500: audit records older than this are pruned behind a checkpoint every hour (0 keeps them all)",
    default: 365,
  }),
  setting({
    key: "metricsEnabled",
    env: "COORDINATOR_METRICS_ENABLED",
    file: "metrics_enabled",
    schema: bool,
    allowed: "true or false (false: no /metrics and nothing measured)",
    default: true,
  }),
  setting({
    key: "metricsToken",
    env: "COORDINATOR_METRICS_TOKEN",
    file: "metrics_token",
    // A bearer secret (RFC 6750 §2.1 b64token characters), long enough not to be guessed.
    schema: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9\-._~+/]{32,512}=*$/)
      .nullable(),
    allowed:
      "a random string of 32 to 512 characters (letters, digits, - . _ ~ + /), e.g. from `openssl rand -hex 32` (unset: /metrics answers loopback callers only)",
    default: null as string | null,
    secret: true,
  }),
  setting({
    key: "quota.source",
    env: "COORDINATOR_QUOTA_SOURCE",
    file: "quota.source",
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(["off", "claude", "api"])),
    allowed:
      "off, claude (the Claude subscription's usage windows, with this user's Claude Code login) or api (ANTHROPIC_API_KEY's rate limits)",
    default: "off" as "off" | "claude" | "api",
  }),
  setting({
    key: "quota.maxPct",
    env: "MAX_QUOTA_PCT",
    file: "quota.max_pct",
    schema: int(1, 100),
    allowed: "an integer percentage from 1 to 100",
    default: 95,
  }),
  setting({
    key: "quota.refreshMs",
    env: "COORDINATOR_QUOTA_REFRESH_MS",
    file: "quota.refresh_ms",
    schema: int(30_000, 86_400_000),
    allowed: "an integer number of milliseconds from 30000 to 86400000",
    default: 300_000,
  }),
  setting({
    key: "quota.baseUrl",
    env: "COORDINATOR_QUOTA_BASE_URL",
    file: "quota.base_url",
    schema: z
      .string()
      .trim()
      .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/)
      .transform((u) => u.replace(/\/+$/, "")),
    allowed: "an http(s) URL of the Anthropic API (a proxy or a test double)",
    default: "https://api.anthropic.com",
  }),
  setting({
    key: "quota.org",
    env: "COORDINATOR_QUOTA_ORG",
    file: "quota.org",
    schema: z.string().trim().regex(ORG_ID_PATTERN),
    allowed:
      "an org id (lowercase letters, digits, . - and _, up to 64): the org whose members see the quota",
    default: "default",
  }),
  setting({
    key: "quota.probeModel",
    env: "COORDINATOR_QUOTA_PROBE_MODEL",
    file: "quota.probe_model",
    schema: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/),
    allowed: "a model id such as claude-haiku-4-5",
    default: "claude-haiku-4-5",
  }),
] as const;
