import { readConfigFile } from "../server/config/config-file.js";
import { resolveConfig, type ServerConfig } from "../server/config/resolve-config.js";

/** The CLI's view of the settings: its flags over env over ~/.mcp-coordinator/config.json over defaults. */
export function loadCliConfig(flags: Readonly<Record<string, unknown>> = {}): ServerConfig {
  return resolveConfig({ flags, env: process.env, file: readConfigFile() });
}
