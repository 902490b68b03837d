import { ConfigError } from "./config/config-error.js";
import { configFilePath, readConfigFile } from "./config/config-file.js";
import { resolveConfig, type ServerConfig } from "./config/resolve-config.js";
import { StartupError } from "./startup-error.js";

/** startServer's settings: the highest-priority layer, above env, config.json and defaults (like CLI flags). */
export interface ServerSettingsOptions {
  readonly port?: number;
  readonly bind?: string;
  /** Host names browsers may use beyond loopback (COORDINATOR_ALLOWED_HOSTS). */
  readonly allowedHosts?: readonly string[] | string;
  /** Where users reach this server (COORDINATOR_PUBLIC_URL); its host and origin are allowed. */
  readonly publicUrl?: string | null;
  readonly dataDir?: string;
  readonly mqttPort?: number;
  readonly mqttWsPath?: string;
  readonly repoRoot?: string | null;
  /** PostgreSQL URL (COORDINATOR_DATABASE_URL); default: SQLite in the data dir. */
  readonly databaseUrl?: string | null;
  /** External MQTT broker URL (COORDINATOR_MQTT_URL); default: the embedded broker. */
  readonly mqttUrl?: string | null;
  readonly logLevel?: ServerConfig["logLevel"];
  readonly maxBodyBytes?: number;
  readonly layer4?: Partial<ServerConfig["layer4"]>;
  readonly workingFiles?: Partial<ServerConfig["workingFiles"]>;
  readonly rateLimit?: Partial<ServerConfig["rateLimit"]>;
  /** `open` or `jwt` (COORDINATOR_AUTH_ENABLED); jwt reads COORDINATOR_JWT_* from `env`. */
  readonly auth?: "open" | "jwt" | "oauth";
  /** Lets open mode bind a non-loopback address (COORDINATOR_INSECURE_OPEN_ON_NETWORK). */
  readonly insecureOpenOnNetwork?: boolean;
  /** Environment to read settings from; default process.env. Pass {} to ignore the environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** config.json to read; default ~/.mcp-coordinator/config.json; null reads none. */
  readonly configFile?: string | null;
}

/** Resolves and validates the settings; a bad value becomes a StartupError with a one-line message. */
export function loadServerConfig(options: ServerSettingsOptions): ServerConfig {
  try {
    const file = options.configFile === null ? null : readConfigFile(options.configFile ?? configFilePath());
    const flags: Record<string, unknown> = {
      port: options.port,
      bind: options.bind,
      allowedHosts: options.allowedHosts,
      publicUrl: options.publicUrl,
      dataDir: options.dataDir,
      mqttPort: options.mqttPort,
      mqttWsPath: options.mqttWsPath,
      repoRoot: options.repoRoot,
      databaseUrl: options.databaseUrl,
      mqttUrl: options.mqttUrl,
      logLevel: options.logLevel,
      maxBodyBytes: options.maxBodyBytes,
      auth: options.auth,
      insecureOpenOnNetwork: options.insecureOpenOnNetwork,
    };
    for (const [k, v] of Object.entries(options.layer4 ?? {})) flags[`layer4.${k}`] = v;
    for (const [k, v] of Object.entries(options.workingFiles ?? {})) flags[`workingFiles.${k}`] = v;
    for (const [k, v] of Object.entries(options.rateLimit ?? {})) flags[`rateLimit.${k}`] = v;
    return resolveConfig({ flags, env: options.env ?? process.env, file });
  } catch (error) {
    if (error instanceof ConfigError)
      throw new StartupError("CONFIG_INVALID", error.message, { cause: error });
    throw error;
  }
}
