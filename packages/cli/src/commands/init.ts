import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { configFilePath, configHome, readConfigFile } from "../server/config/config-file.js";
import { CliError } from "./cli-error.js";
import type { InitOAuthFlags } from "./init-oauth.js";
import { invokedAs } from "./invoked-as.js";
import { loadCliConfig } from "./load-config.js";
import { colors, print } from "./output.js";
import { AGENT_CLIENTS, CLIENT_SETUP } from "./setup/agent-client-setup.js";
import { upsertSection } from "./setup/claude-md.js";
import { initFlagsForClients } from "./setup/client-choice.js";
import { addClientHooks, hookEntries, removeClientHooks, type SettingsClient } from "./setup/client-hooks.js";
import { writeClineHooks } from "./setup/cline-hooks.js";
import { chooseHookCommand, HOOK_BIN } from "./setup/hook-command.js";
import { addCoordinatorServer, mcpEntry, mcpSnippet, TOKEN_ENV } from "./setup/mcp-json.js";

export interface InitFlags {
  readonly url?: string;
  readonly writeMcpConfig?: string;
  readonly writeClaudeMd?: string;
  readonly writeClaudeHooks?: string;
  readonly writeCursorHooks?: string;
  readonly writeClineHooks?: string;
  /** `--write-cline`: the hook scripts and the MCP entry in Cline's own settings. */
  readonly writeCline?: string;
  readonly writeGemini?: string;
  readonly writeQwen?: string;
  readonly writeCodex?: string;
  readonly writeOpencode?: string;
  /** `--client <name>` (repeatable): that client's --write-* options for the current folder. */
  readonly client?: readonly string[];
  readonly hookCommand?: string;
  /** jwt mode: the MCP entry sends `Authorization: Bearer ${MCP_COORDINATOR_TOKEN}`. */
  readonly tokenHeader?: boolean;
  /** `--auth oauth`: the OAuth wizard (init-oauth.ts) instead of the first-time setup. */
  readonly auth?: string;
}

/** Idempotent: an existing config.json is never overwritten, and re-running writes the same files. */
export async function run(given: InitFlags & InitOAuthFlags): Promise<void> {
  if (given.auth !== undefined) {
    if (given.auth !== "oauth") {
      throw new CliError(
        `init --auth ${JSON.stringify(given.auth)}: only oauth has a setup wizard (jwt mode: see "Team setup" in the README).`,
      );
    }
    const { initOAuth } = await import("./init-oauth.js");
    return initOAuth(given);
  }
  const flags: InitFlags = {
    ...given,
    ...initFlagsForClients(given.client ?? [], process.cwd()),
  };
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
      // A local --url names the port this server will listen on: the two must agree.
      server: { port: localPort(flags.url) ?? config.port, data_dir: "~/.mcp-coordinator/data" },
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
  const entry = mcpEntry(mcpUrl, flags.tokenHeader);
  const cli = invokedAs();

  if (flags.writeMcpConfig) {
    const file = join(resolve(flags.writeMcpConfig), ".mcp.json");
    const before = existsSync(file) ? readFileSync(file, "utf8") : null;
    const after = addCoordinatorServer(before, entry, file);
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
  const hook = chooseHookCommand(flags.hookCommand, process.env.PATH);
  const hookBase = hook.command;
  // The URL rides in the hook command only when given explicitly; otherwise hooks resolve it at run time.
  const hookUrl = flags.url ? base : undefined;
  // Claude Code merges .claude/settings.local.json (git-ignored) over the committed settings.json: this
  // machine's absolute paths go there, a command every teammate can run goes where the team shares it.
  const claudeFile = join(".claude", hook.shared ? "settings.json" : "settings.local.json");
  const settings: Array<[SettingsClient, string | undefined, string]> = [
    ["claude", flags.writeClaudeHooks, claudeFile],
    ["cursor", flags.writeCursorHooks, join(".cursor", "hooks.json")],
  ];
  for (const [client, dir, relative] of settings) {
    if (!dir) continue;
    const file = join(resolve(dir), relative);
    if (client === "claude")
      moveOutOf(join(resolve(dir), ".claude", hook.shared ? "settings.local.json" : "settings.json"));
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

  const agentClients = AGENT_CLIENTS.flatMap((client) => {
    const dir = flags[`write${client[0]?.toUpperCase()}${client.slice(1)}` as keyof InitFlags];
    return typeof dir === "string" ? [[client, dir] as const] : [];
  });
  for (const [client, dir] of agentClients) {
    const report: string[] = [];
    CLIENT_SETUP[client].install(
      resolve(dir),
      {
        mcpUrl,
        tokenHeader: flags.tokenHeader === true,
        hookCommand: hookBase,
        hookUrl,
      },
      report,
    );
    for (const line of report) print(`${line.startsWith("left") ? c.yellow("!") : c.green("✔")} ${line}`);
  }
  if (agentClients.some(([client]) => client === "codex")) {
    print(
      "  Codex runs project hooks only once you trust them: open codex in the repo and review them with /hooks (codex exec: --dangerously-bypass-hook-trust).",
    );
  }

  if (flags.writeClaudeHooks || flags.writeCursorHooks || flags.writeClineHooks || agentClients.length > 0) {
    print(
      hook.shared
        ? `  hooks run \`${hookBase}\`: commit them; every teammate needs it on PATH (npm i -g mcp-coordinator)`
        : `  hooks run this machine's ${hookBase}: Claude Code's are in the git-ignored settings.local.json, each teammate runs init; to commit them, install mcp-coordinator (npm i -g) so \`${HOOK_BIN}\` is on PATH and run init again`,
    );
  }

  print("");
  if (flags.writeMcpConfig) {
    print("Claude Code asks once to approve the project's .mcp.json server when it starts in that folder.");
  } else {
    print("Connect Claude Code, one of:");
    print(
      `  this project:  ${c.bold(`${cli} init --write-mcp-config .`)}  (Claude Code asks once to approve it)`,
    );
    const header = flags.tokenHeader ? ` --header "Authorization: Bearer $${TOKEN_ENV}"` : "";
    print(
      `  every project: ${c.bold(`claude mcp add --scope user --transport http${header} coordinator ${mcpUrl}`)}`,
    );
    print("Cursor and other clients: this entry in .cursor/mcp.json (or the client's MCP config):");
    print(JSON.stringify(mcpSnippet(entry), null, 2));
  }
  if (flags.tokenHeader) {
    print(
      `Each teammate sets their own token in the environment (never in a file): ${c.bold(`export ${TOKEN_ENV}=$(${cli} token create --org <org> --user <user>)`)}`,
    );
  }
  print("");
  print(`Next: ${c.bold(`${cli} server start --daemon`)}, then ${c.bold(`${cli} doctor`)}`);
}

/** Removes our hooks from the Claude settings file init does not write this time, so none run twice. */
function moveOutOf(file: string): void {
  if (!existsSync(file)) return;
  const before = readFileSync(file, "utf8");
  const after = removeClientHooks(before, file);
  if (after === before) return;
  if (after === null) rmSync(file);
  else writeFileSync(file, after);
  print(`  removed the coordinator hooks from ${file} (they are in the other settings file now)`);
}

function localPort(url: string | undefined): number | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (!["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname)) return null;
    return parsed.port ? Number(parsed.port) : null;
  } catch {
    return null;
  }
}

function defaultUrl(): string {
  return `http://localhost:${loadCliConfig().port}`;
}
