import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { defaultHookCommand } from "./client-hooks.js";

/** The hook runner's own bin (package.json `bin`), the same command on every machine that installed it. */
export const HOOK_BIN = "mcp-coordinator-hook";

export interface HookCommandChoice {
  /** What starts the hook runner, before `<Event> --client <client>`. */
  readonly command: string;
  /**
   * True when the command works on every teammate's machine (a bin on PATH, or the user's own
   * `--hook-command`): it goes into the committed settings. False: this machine's absolute paths, which
   * belong in the git-ignored `.claude/settings.local.json`.
   */
  readonly shared: boolean;
}

/**
 * `--hook-command` as given; else the installed `mcp-coordinator-hook` when it is on PATH; else this
 * node and this checkout's `hook.cjs`, which only exist on this machine.
 */
export function chooseHookCommand(
  flag: string | undefined,
  path: string | undefined,
  local: () => string = defaultHookCommand,
): HookCommandChoice {
  if (flag?.trim()) return { command: flag.trim(), shared: true };
  if (onPath(HOOK_BIN, path)) return { command: HOOK_BIN, shared: true };
  return { command: local(), shared: false };
}

function onPath(bin: string, path: string | undefined): boolean {
  for (const dir of (path ?? "").split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, bin), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}
