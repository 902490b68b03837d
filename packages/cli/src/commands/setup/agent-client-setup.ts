import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { addClientHooks, hookEntries, removeClientHooks } from "./client-hooks.js";
import { removeClineHooks, writeClineHooks } from "./cline-hooks.js";
import { clineDefaultFolders, clineMcpEntry, clineMcpSettingsPath } from "./cline-mcp-settings.js";
import { addCodexConfig, removeCodexConfig } from "./codex-toml.js";
import { addCoordinatorServer, removeCoordinatorServer, TOKEN_ENV } from "./mcp-json.js";
import { isOurOpencodePlugin, OPENCODE_PLUGIN, opencodePluginSource } from "./opencode-plugin.js";

/** The agent CLIs `init --write-<client>` sets up in one step: their MCP entry and their hooks. */
export const AGENT_CLIENTS = ["gemini", "qwen", "codex", "opencode", "cline"] as const;
export type AgentClient = (typeof AGENT_CLIENTS)[number];

export interface SetupContext {
  readonly mcpUrl: string;
  /** jwt mode: each client reads the bearer token from MCP_COORDINATOR_TOKEN in its own way. */
  readonly tokenHeader: boolean;
  /** What starts the hook runner (see chooseHookCommand). */
  readonly hookCommand: string;
  /** The coordinator URL written into hook commands, when init was given one. */
  readonly hookUrl: string | undefined;
}

/** One line per file touched, for init and uninstall to print. */
export type SetupReport = string[];

/** A text edit of one file: `null` from `edit` means "nothing of the file is left": delete it. */
function editFile(file: string, edit: (before: string | null) => string | null, report: SetupReport): void {
  const before = existsSync(file) ? readFileSync(file, "utf8") : null;
  const after = edit(before);
  if (after === before) {
    report.push(`unchanged ${file}`);
  } else if (after === null) {
    rmSync(file);
    removeEmptyDirs(dirname(file));
    report.push(`removed ${file} (nothing else was in it)`);
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, after);
    report.push(`${before === null ? "created" : "updated"} ${file}`);
  }
}

/** Removes the dot-folders init created once they are empty (`.gemini`, `.opencode/plugin`, …). */
function removeEmptyDirs(dir: string): void {
  let current = dir;
  while (
    /(^|\/)\.[a-z]+(\/plugin)?$/.test(current) &&
    existsSync(current) &&
    readdirSync(current).length === 0
  ) {
    rmdirSync(current);
    current = dirname(current);
  }
}

/** Gemini CLI and Qwen Code: `mcpServers.coordinator.httpUrl` and `hooks` in `.<client>/settings.json`. */
function settingsJson(client: "gemini" | "qwen") {
  const file = (dir: string) => join(dir, `.${client}`, "settings.json");
  return {
    install(dir: string, ctx: SetupContext, report: SetupReport) {
      const entry = {
        httpUrl: ctx.mcpUrl,
        ...(ctx.tokenHeader ? { headers: { Authorization: `Bearer $${TOKEN_ENV}` } } : {}),
      };
      editFile(
        file(dir),
        (before) => {
          const withServer = addCoordinatorServer(before, entry, file(dir));
          return addClientHooks(
            withServer,
            client,
            hookEntries(client, ctx.hookCommand, ctx.hookUrl),
            file(dir),
          );
        },
        report,
      );
    },
    uninstall(dir: string, report: SetupReport) {
      editFile(
        file(dir),
        (before) => {
          if (before === null) return null;
          const withoutHooks = removeClientHooks(before, file(dir));
          return withoutHooks === null ? null : removeCoordinatorServer(withoutHooks, file(dir));
        },
        report,
      );
    },
  };
}

/** Codex: `[mcp_servers.coordinator]` in `.codex/config.toml`, hooks in `.codex/hooks.json`. */
const codex = {
  install(dir: string, ctx: SetupContext, report: SetupReport) {
    const toml = join(dir, ".codex", "config.toml");
    editFile(
      toml,
      (before) =>
        addCodexConfig(
          before,
          { mcpUrl: ctx.mcpUrl, ...(ctx.tokenHeader ? { tokenEnv: TOKEN_ENV } : {}) },
          toml,
        ),
      report,
    );
    const hooks = join(dir, ".codex", "hooks.json");
    editFile(
      hooks,
      (before) => addClientHooks(before, "codex", hookEntries("codex", ctx.hookCommand, ctx.hookUrl), hooks),
      report,
    );
  },
  uninstall(dir: string, report: SetupReport) {
    const hooks = join(dir, ".codex", "hooks.json");
    editFile(hooks, (before) => (before === null ? null : removeClientHooks(before, hooks)), report);
    const toml = join(dir, ".codex", "config.toml");
    editFile(toml, (before) => (before === null ? null : removeCodexConfig(before, toml)), report);
  },
};

/** opencode: `mcp.coordinator` in `opencode.json` and the plugin in `.opencode/plugin/`. */
const opencode = {
  install(dir: string, ctx: SetupContext, report: SetupReport) {
    const config = join(dir, "opencode.json");
    const entry = {
      type: "remote",
      url: ctx.mcpUrl,
      enabled: true,
      ...(ctx.tokenHeader ? { headers: { Authorization: `Bearer {env:${TOKEN_ENV}}` } } : {}),
    };
    editFile(config, (before) => addCoordinatorServer(before, entry, config, "mcp"), report);
    const plugin = join(dir, ...OPENCODE_PLUGIN);
    if (existsSync(plugin) && !isOurOpencodePlugin(readFileSync(plugin, "utf8"))) {
      report.push(`left ${plugin} alone (not written by mcp-coordinator)`);
      return;
    }
    editFile(plugin, () => opencodePluginSource(ctx.hookCommand, ctx.hookUrl), report);
  },
  uninstall(dir: string, report: SetupReport) {
    const plugin = join(dir, ...OPENCODE_PLUGIN);
    if (existsSync(plugin) && isOurOpencodePlugin(readFileSync(plugin, "utf8")))
      editFile(plugin, () => null, report);
    const config = join(dir, "opencode.json");
    editFile(
      config,
      (before) => (before === null ? null : removeCoordinatorServer(before, config, "mcp")),
      report,
    );
  },
};

/**
 * Cline: the hook scripts in `<dir>/.clinerules/hooks/`, the MCP entry in Cline's own user-level
 * settings file (see clineMcpSettingsPath), whose default folders init may have created and uninstall
 * removes again once empty.
 */
const cline = {
  install(dir: string, ctx: SetupContext, report: SetupReport) {
    const entry = clineMcpEntry(ctx.mcpUrl, ctx.tokenHeader);
    const settings = clineMcpSettingsPath();
    editFile(settings, (before) => addCoordinatorServer(before, entry, settings), report);
    const { written, skipped } = writeClineHooks(dir, ctx.hookCommand, ctx.hookUrl);
    if (written.length > 0)
      report.push(`wrote ${written.length} Cline hook scripts in ${dirname(written[0] as string)}`);
    for (const file of skipped) report.push(`left ${file} alone (not written by mcp-coordinator)`);
  },
  uninstall(dir: string, report: SetupReport) {
    const removed = removeClineHooks(dir);
    report.push(
      removed.length > 0
        ? `removed ${removed.length} Cline hook scripts`
        : "unchanged: no Cline hook scripts of ours",
    );
    const settings = clineMcpSettingsPath();
    editFile(
      settings,
      (before) => (before === null ? null : removeCoordinatorServer(before, settings)),
      report,
    );
    if (existsSync(settings)) return;
    // Cline's default folders (settings, data, .cline) that are left empty, innermost first.
    for (const folder of clineDefaultFolders()) {
      if (!existsSync(folder) || readdirSync(folder).length > 0) break;
      rmdirSync(folder);
    }
  },
};

export const CLIENT_SETUP: Record<
  AgentClient,
  {
    install(dir: string, ctx: SetupContext, report: SetupReport): void;
    uninstall(dir: string, report: SetupReport): void;
  }
> = { gemini: settingsJson("gemini"), qwen: settingsJson("qwen"), codex, opencode, cline };
