import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { parsePolicy } from "../../client/policy/policy.js";
import { ConfigError } from "./config-error.js";
import { oauthFileSchema } from "./oauth-file.js";
import { SETTINGS } from "./settings.js";

/** `~/.mcp-coordinator`: config.json, and by default the data dir, PID file and logs. */
export function configHome(home: string = homedir()): string {
  return join(home, ".mcp-coordinator");
}

export function configFilePath(home?: string): string {
  return join(configHome(home), "config.json");
}

export interface ConfigFileData {
  readonly server?: Readonly<Record<string, unknown>>;
  readonly defaults?: { readonly coordinator_url?: string };
  readonly policy?: unknown;
}

export interface ConfigFile {
  readonly path: string;
  readonly data: ConfigFileData;
}

// Unknown keys are refused so that a typo does not silently fall back to a default.
const sectionKeys = (prefix: string) =>
  SETTINGS.filter((s) => s.file.startsWith(prefix)).map((s) => s.file.slice(prefix.length));
const looseSection = (keys: string[]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, z.unknown().optional()])));
const fileSchema = z.strictObject({
  server: z
    .strictObject({
      ...Object.fromEntries(
        SETTINGS.filter((s) => !s.file.includes(".")).map((s) => [s.file, z.unknown().optional()]),
      ),
      layer4: looseSection(sectionKeys("layer4.")).optional(),
      working_files: looseSection(sectionKeys("working_files.")).optional(),
      // oauth mode's providers and allowlists (init --auth oauth writes it); secrets by env var name only.
      oauth: oauthFileSchema.optional(),
    })
    .optional(),
  defaults: z.strictObject({ coordinator_url: z.string().url().optional() }).optional(),
  // Hook and git-guard policy (globs → observe | warn | block); validated by parsePolicy below.
  policy: z.unknown().optional(),
});

/** Reads config.json; null when it does not exist. Throws ConfigError on bad JSON or unknown keys. */
export function readConfigFile(path: string = configFilePath()): ConfigFile | null {
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON (${(error as Error).message}).`, "config.json", path);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "(root)";
    const what =
      issue?.code === "unrecognized_keys"
        ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(", ")} under ${where}`
        : `${where}: ${issue?.message}`;
    throw new ConfigError(
      `${path}: ${what}. Allowed under server: ${[...SETTINGS.map((s) => s.file), "oauth"].join(", ")}.`,
      where,
      path,
    );
  }
  if (parsed.data.policy !== undefined) {
    try {
      parsePolicy(parsed.data.policy, `${path} (policy)`);
    } catch (error) {
      throw new ConfigError((error as Error).message, "policy", path);
    }
  }
  return { path, data: parsed.data as ConfigFileData };
}
