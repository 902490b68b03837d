import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { configFilePath, configHome, readConfigFile } from "../server/config/config-file.js";
import { CliError } from "./cli-error.js";
import { loadCliConfig } from "./load-config.js";
import { colors, print } from "./output.js";
import { upsertSection } from "./setup/claude-md.js";
import {
  addClientHooks,
  defaultHookCommand,
  hookEntries,
  type SettingsClient,
} from "./setup/client-hooks.js";
import { writeClineHooks } from "./setup/cline-hooks.js";
import { addCoordinatorServer, mcpSnippet } from "./setup/mcp-json.js";

export interface InitFlags {
  readonly url?: string;
  readonly writeMcpConfig?: string;
  readonly writeClaudeMd?: string;
  readonly writeClaudeHooks?: string;
  readonly writeCursorHooks?: string;
  readonly writeClineHooks?: string;
  readonly hookCommand?: string;
}

/** Idempotent: an existing config.json is never overwritten, and re-running writes the same files. */
export async function run(flags: InitFlags): Promise<void> {
  const c = colors();
  const home = configHome();
  const configPath = configFilePath();
  mkdirSync(home, { recursive: true, mode: 0o700 });
  if (existsSync(configPath)) {
    readConfigFile(configPath);
    print(`${c.dim("•")} ${configPath} exists; left as it is`);
  } else {
    const config = loadCliConfig();
    const file = {
      server: { port: config.port, data_dir: "~/.mcp-coordinator/data" },
      defaults: { coordinator_url: flags.url ?? `http://localhost:${config.port}` },
    };
    writeFileSync(configPath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    print(`${c.green("✔")} wrote ${configPath}`);
  }

  const base = (
    flags.url ??
    readConfigFile(configPath)?.data.defaults?.coordinator_url ??
    defaultUrl()
  ).replace(/\/+(mcp)?\/?$/, "");
  if (!/^https?:\/\//.test(base))
    throw new CliError(`--url must start with http:// or https:// (got ${base})`);
  const mcpUrl = `${base}/mcp`;

  if (flags.writeMcpConfig) {
    const file = join(resolve(flags.writeMcpConfig), ".mcp.json");
    const before = existsSync(file) ? readFileSync(file, "utf8") : null;
    const after = addCoordinatorServer(before, { type: "http", url: mcpUrl }, file);
    if (after !== before) writeFileSync(file, after);
    print(
      `${c.green("✔")} ${after === before ? "already configured" : before === null ? "created" : "updated"} ${file}`,
    );
  }
  if (flags.writeClaudeMd) {
    const file = join(resolve(flags.writeClaudeMd), "CLAUDE.md");
    const before = existsSync(file) ? readFileSync(file, "utf8") : null;
    const after = upsertSection(before);
    if (after !== before) writeFileSync(file, after);
    print(
      `${c.green("✔")} ${after === before ? "already up to date" : before === null ? "created" : "updated"} ${file}`,
    );
  }
  const hookBase = flags.hookCommand ?? defaultHookCommand();
  // The URL rides in the hook command only when given explicitly; otherwise hooks resolve it at run time.
  const hookUrl = flags.url ? base : undefined;
  const settings: Array<[SettingsClient, string | undefined, string]> = [
    ["claude", flags.writeClaudeHooks, join(".claude", "settings.json")],
    ["cursor", flags.writeCursorHooks, join(".cursor", "hooks.json")],
  ];
  for (const [client, dir, relative] of settings) {
    if (!dir) continue;
    const file = join(resolve(dir), relative);
    const before = existsSync(file) ? readFileSync(file, "utf8") : null;
    const after = addClientHooks(before, client, hookEntries(client, hookBase, hookUrl), file);
    if (after !== before) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, after);
    }
    print(
      `${c.green("✔")} ${after === before ? "hooks already in" : before === null ? "created" : "added hooks to"} ${file}`,
    );
  }
  if (flags.writeClineHooks) {
    const { written, skipped } = writeClineHooks(resolve(flags.writeClineHooks), hookBase, hookUrl);
    print(
      `${c.green("✔")} wrote ${written.length} Cline hook scripts in ${dirname(written[0] ?? skipped[0] ?? "")}`,
    );
    for (const file of skipped) print(`${c.yellow("!")} left ${file} alone (not written by mcp-coordinator)`);
  }

  print("");
  print("Add this to your MCP client's config (.mcp.json of a project, or ~/.claude/.mcp.json):");
  print(JSON.stringify(mcpSnippet(mcpUrl), null, 2));
  print("");
  print(`Next: ${c.bold("mcp-coordinator server start --daemon")}, then ${c.bold("mcp-coordinator doctor")}`);
}

function defaultUrl(): string {
  return `http://localhost:${loadCliConfig().port}`;
}
