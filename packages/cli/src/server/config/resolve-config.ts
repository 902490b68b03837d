import { homedir, hostname } from "node:os";
import { isAbsolute, resolve } from "node:path";
import { ConfigError } from "./config-error.js";
import type { ConfigFile } from "./config-file.js";
import type { OAuthFileSettings } from "./oauth-file.js";
import { type LogLevelName, SETTINGS, type Setting } from "./settings.js";

/** The server's settings after resolution and validation. Paths are absolute. */
export interface ServerConfig {
  readonly port: number;
  readonly bind: string;
  /** Host names browsers may use beyond loopback (Host/Origin checks). */
  readonly allowedHosts: readonly string[];
  /** The URL users reach this server at (behind a proxy); its host and origin are allowed. */
  readonly publicUrl: string | null;
  readonly dataDir: string;
  readonly mqttTcpPort: number;
  readonly mqttWsPath: string;
  readonly logLevel: LogLevelName;
  /** NODE_ENV=development: human-readable logs. */
  readonly prettyLogs: boolean;
  readonly maxBodyBytes: number;
  readonly repoRoot: string | null;
  /** PostgreSQL instead of SQLite: the way several instances share one state. */
  readonly databaseUrl: string | null;
  /** An external MQTT broker instead of the embedded one: the way several instances share events. */
  readonly mqttUrl: string | null;
  /** Redis under the embedded broker: the other way several instances share events (not with mqttUrl). */
  readonly redisUrl: string | null;
  /** This instance's name in /health, the leader lease and the peers list; default `<host>-<pid>`. */
  readonly instanceId: string;
  readonly layer4: {
    readonly enabled: boolean;
    readonly sinceDays: number;
    readonly maxCommits: number;
    readonly maxFilesPerCommit: number;
    /** Extra globs, appended to the built-in denylist. */
    readonly denylist: readonly string[];
    readonly refreshIntervalMs: number;
    readonly retryMs: number;
    /** How often every instance looks for a newer stored result (followers also ask for the lease). */
    readonly sharedPollMs: number;
    readonly timeoutMs: number;
  };
  readonly workingFiles: { readonly ttlMin: number; readonly sweepIntervalMs: number };
  /** `open` (anyone who reaches the port is the local developer) or `jwt` (a bearer token per caller). */
  readonly auth: "open" | "jwt" | "oauth";
  /** Lets open mode start on a non-loopback address; off, such a start is refused. */
  readonly insecureOpenOnNetwork: boolean;
  /** Writes per minute per principal (null: 600 in jwt mode, off in open mode; 0: off) and the burst. */
  readonly rateLimit: { readonly perMinute: number | null; readonly burst: number };
  /**
   * After a start, agents last seen before it that have not come back within this grace (a reconnecting
   * client re-registers or heartbeats) are shown offline, instead of after the whole online TTL.
   */
  readonly reconnectGraceMs: number;
  /**
   * K: a consultation involves at most this many agents, the most affected; everyone else affected
   * (a hot file) is counted in the result and told through their inbox.
   */
  readonly maxConsulted: number;
  /** How long a consultation may stay open before the sweep times it out. */
  readonly consultationTimeoutMs: number;
  /** Audit records older than this many days are pruned behind a checkpoint (0: kept forever). */
  readonly auditRetentionDays: number;
  /** Prometheus metrics at /metrics; off, nothing is measured and /metrics is 404. */
  readonly metricsEnabled: boolean;
  /**
   * The bearer token /metrics asks for; null keeps /metrics to loopback callers (a scraper on the same
   * machine) and refuses everyone else.
   */
  readonly metricsToken: string | null;
  /** The Anthropic quota pre-flight: where it is read, the limit, how often, and against which API. */
  readonly quota: {
    readonly source: "off" | "claude" | "api";
    readonly maxPct: number;
    readonly refreshMs: number;
    readonly baseUrl: string;
    /** The org whose members see the quota (jwt mode); `default` in open mode. */
    readonly org: string;
    /** The model of the one-token request whose rate-limit headers the `api` source reads. */
    readonly probeModel: string;
  };
  /** `server.oauth` of config.json (providers, allowlists); the environment's variables win over it. */
  readonly oauthFile: OAuthFileSettings | null;
  /** Where each top-level value came from, for `doctor` and error messages. */
  readonly sources: Readonly<Record<string, string>>;
}

export interface ResolveConfigInput {
  /** Command-line flags or startServer options, keyed by the settings' flag/key names. */
  readonly flags?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly file?: ConfigFile | null;
  /** Base for relative paths (default: process.cwd()). */
  readonly cwd?: string;
  readonly home?: string;
}

/** flag → env → config.json → default, for every setting; throws ConfigError naming key, source and what is allowed. */
export function resolveConfig(input: ResolveConfigInput = {}): ServerConfig {
  const flags = input.flags ?? {};
  const env = input.env ?? {};
  const fileServer = input.file?.data.server ?? {};
  const out: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const s of SETTINGS as readonly Setting<unknown>[]) {
    const [raw, source] = pick(s, flags, env, fileServer, input.file?.path);
    if (source.typed) refuseQuotedScalar(s, raw, source.label);
    const parsed = s.schema.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(
        `Invalid ${source.label}: ${s.secret ? "(value hidden)" : JSON.stringify(raw)} — expected ${s.allowed}.`,
        s.key,
        source.label,
      );
    }
    setPath(out, s.key, parsed.data);
    sources[s.key] = source.label;
  }
  const cwd = input.cwd ?? process.cwd();
  const home = input.home ?? homedir();
  const dataDir = absolutePath(out.dataDir as string, cwd, home);
  const repoRoot = out.repoRoot === null ? null : absolutePath(out.repoRoot as string, cwd, home);
  if (out.redisUrl !== null && out.mqttUrl !== null) {
    throw new ConfigError(
      `Both ${sources.mqttUrl} and ${sources.redisUrl} are set: an external broker already shares events between instances, so Redis clustering of the embedded broker is not used with it; unset one of them.`,
      "redisUrl",
      sources.redisUrl ?? "redisUrl",
    );
  }
  const instanceId = (out.instanceId as string | null) ?? defaultInstanceId();
  return {
    ...(out as unknown as Omit<ServerConfig, "dataDir" | "repoRoot" | "prettyLogs" | "sources">),
    dataDir,
    repoRoot,
    instanceId,
    prettyLogs: env.NODE_ENV === "development",
    oauthFile: (fileServer.oauth as OAuthFileSettings | undefined) ?? null,
    sources,
  };
}

/** `<host>-<pid>`, cut and cleaned to fit the instance id rule (a host name can be anything). */
function defaultInstanceId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9._-]/g, "-")
      .replace(/^[^A-Za-z0-9]+/, "") || "host";
  const pid = `-${process.pid}`;
  return `${host.slice(0, 40 - pid.length)}${pid}`;
}

interface Source {
  readonly label: string;
  /** config.json: JSON has numbers and booleans, so a quoted one is a mistake, not a string to parse. */
  readonly typed?: boolean;
}

/**
 * A number or boolean setting written as a string in config.json (`"port": "3212"`, `"enabled": "yes"`) is
 * refused: the strings environment variables must use are parsed, but a file that quotes them is usually
 * hand-edited wrongly, and `"0"` or `"no"` read as truthy elsewhere.
 */
function refuseQuotedScalar(s: Setting<unknown>, raw: unknown, label: string): void {
  const kind = typeof s.default;
  if ((kind === "number" || kind === "boolean") && typeof raw !== kind) {
    const how = kind === "number" ? "a JSON number (no quotes)" : "JSON true or false (no quotes)";
    throw new ConfigError(
      `Invalid ${label}: ${JSON.stringify(raw)} — expected ${s.allowed}, written as ${how}.`,
      s.key,
      label,
    );
  }
}

function pick(
  s: Setting<unknown>,
  flags: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
  fileServer: Readonly<Record<string, unknown>>,
  filePath: string | undefined,
): [unknown, Source] {
  const flagName = s.flag ?? s.key;
  const flagValue = flags[flagName];
  if (flagValue !== undefined) {
    return [flagValue, { label: s.flag ? `--${kebab(s.flag)} flag` : `option ${s.key}` }];
  }
  for (const name of [...(s.envAlso ?? []), ...(s.env ? [s.env] : [])]) {
    const envValue = env[name];
    if (envValue !== undefined && envValue !== "") {
      return [envValue, { label: `${name} (environment variable)` }];
    }
  }
  const fileValue = getPath(fileServer, s.file);
  if (fileValue !== undefined) {
    return [fileValue, { label: `server.${s.file} in ${filePath ?? "config.json"}`, typed: true }];
  }
  return [s.default, { label: `default of ${s.key}` }];
}

export function absolutePath(value: string, cwd: string, home: string): string {
  if (value === "~") return home;
  if (value.startsWith("~/")) return resolve(home, value.slice(2));
  return isAbsolute(value) ? resolve(value) : resolve(cwd, value);
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function getPath(obj: Readonly<Record<string, unknown>>, dotted: string): unknown {
  let cur: unknown = obj;
  for (const part of dotted.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split(".");
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    cur[part] ??= {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1] as string] = value;
}
