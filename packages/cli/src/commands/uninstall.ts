import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { configHome } from "../server/config/config-file.js";
import { CliError } from "./cli-error.js";
import { instanceFiles, instanceState } from "./daemon/instance-files.js";
import { loadCliConfig } from "./load-config.js";
import { colors, print } from "./output.js";
import { AGENT_CLIENTS, CLIENT_SETUP } from "./setup/agent-client-setup.js";
import { removeSection } from "./setup/claude-md.js";
import { uninstallFlagsForClients } from "./setup/client-choice.js";
import { removeClientHooks } from "./setup/client-hooks.js";
import { removeClineHooks } from "./setup/cline-hooks.js";
import { removeCoordinatorServer } from "./setup/mcp-json.js";

export interface UninstallFlags {
  readonly mcpConfig?: string;
  readonly claudeMd?: string;
  readonly claudeHooks?: string;
  readonly cursorHooks?: string;
  readonly clineHooks?: string;
  /** `--cline`: what init --write-cline added (hook scripts and the MCP entry). */
  readonly cline?: string;
  readonly gemini?: string;
  readonly qwen?: string;
  readonly codex?: string;
  readonly opencode?: string;
  /** `--client <name>` (repeatable): undo `init --client <name>` in the current folder. */
  readonly client?: readonly string[];
  readonly purge?: boolean;
  readonly force?: boolean;
}

/** The inverse of init: removes only what init added; a file is deleted only when nothing else is left. */
export async function run(given: UninstallFlags): Promise<void> {
  const flags: UninstallFlags = {
    ...given,
    ...uninstallFlagsForClients(given.client ?? [], process.cwd()),
  };
  const c = colors();
  const agentClients = AGENT_CLIENTS.flatMap((client) => {
    const dir = flags[client];
    return typeof dir === "string" ? [[client, dir] as const] : [];
  });
  if (
    !flags.mcpConfig &&
    !flags.claudeMd &&
    !flags.claudeHooks &&
    !flags.cursorHooks &&
    !flags.clineHooks &&
    agentClients.length === 0 &&
    !flags.purge
  ) {
    throw new CliError(
      "nothing to do: pass --mcp-config, --claude-md, --claude-hooks, --cursor-hooks, --cline-hooks, --gemini, --qwen, --codex, --opencode, --cline <dir>, --client <name> and/or --purge",
    );
  }
  for (const [client, dir] of agentClients) {
    const report: string[] = [];
    CLIENT_SETUP[client].uninstall(resolve(dir), report);
    for (const line of report) print(`${line.startsWith("unchanged") ? c.dim("•") : c.green("✔")} ${line}`);
  }
  for (const [dir, relative] of [
    [flags.claudeHooks, join(".claude", "settings.json")],
    [flags.claudeHooks, join(".claude", "settings.local.json")],
    [flags.cursorHooks, join(".cursor", "hooks.json")],
  ] as const) {
    if (!dir) continue;
    const file = join(resolve(dir), relative);
    if (!existsSync(file)) {
      print(`${c.dim("•")} no ${file}`);
      continue;
    }
    const before = readFileSync(file, "utf8");
    const after = removeClientHooks(before, file);
    if (after === null) {
      rmSync(file);
      print(`${c.green("✔")} removed ${file} (nothing else was in it)`);
    } else if (after !== before) {
      writeFileSync(file, after);
      print(`${c.green("✔")} removed the coordinator hooks from ${file}`);
    } else {
      print(`${c.dim("•")} ${file} has no coordinator hooks`);
    }
  }
  if (flags.clineHooks) {
    const removed = removeClineHooks(resolve(flags.clineHooks));
    print(`${c.green("✔")} removed ${removed.length} Cline hook scripts`);
  }
  if (flags.mcpConfig) {
    const file = join(resolve(flags.mcpConfig), ".mcp.json");
    if (!existsSync(file)) {
      print(`${c.dim("•")} no ${file}`);
    } else {
      const before = readFileSync(file, "utf8");
      const after = removeCoordinatorServer(before, file);
      if (after === null) {
        rmSync(file);
        print(`${c.green("✔")} removed ${file} (nothing else was in it)`);
      } else if (after !== before) {
        writeFileSync(file, after);
        print(`${c.green("✔")} removed the coordinator entry from ${file}`);
      } else {
        print(`${c.dim("•")} ${file} has no coordinator entry`);
      }
    }
  }
  if (flags.claudeMd) {
    const file = join(resolve(flags.claudeMd), "CLAUDE.md");
    if (!existsSync(file)) {
      print(`${c.dim("•")} no ${file}`);
    } else {
      const before = readFileSync(file, "utf8");
      const after = removeSection(before);
      if (after === null) {
        rmSync(file);
        print(`${c.green("✔")} removed ${file} (nothing else was in it)`);
      } else if (after !== before) {
        writeFileSync(file, after);
        print(`${c.green("✔")} removed the coordination section from ${file}`);
      } else {
        print(`${c.dim("•")} ${file} has no coordination section`);
      }
    }
  }
  if (flags.purge) await purge(flags.force === true);
}

async function purge(force: boolean): Promise<void> {
  const c = colors();
  const home = configHome();
  if (!existsSync(home)) {
    print(`${c.dim("•")} ${home} does not exist`);
    return;
  }
  const state = instanceState(instanceFiles(loadCliConfig().dataDir));
  if (state.state === "running") {
    throw new CliError(
      `the server is running (pid ${state.info.pid}); stop it first: mcp-coordinator server stop`,
    );
  }
  if (!force) {
    if (!process.stdin.isTTY)
      throw new CliError(`refusing to delete ${home} without a terminal; add --force`);
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Delete ${home} (config, database, logs)? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      print("kept");
      return;
    }
  }
  rmSync(home, { recursive: true, force: true });
  print(`${c.green("✔")} deleted ${home}`);
}
