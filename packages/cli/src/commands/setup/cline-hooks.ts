import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { shellQuote } from "./client-hooks.js";

/**
 * Cline runs the executable named after the event in `.clinerules/hooks/` (macOS and Linux). The 3.x
 * CLI ends a task with TaskComplete, TaskCancel or TaskError, and the process with SessionShutdown;
 * UserPromptSubmit matters to the VS Code extension only (see the hook runner's Cline adapter).
 */
export const CLINE_EVENTS = [
  "TaskStart",
  "TaskResume",
  "PreToolUse",
  "PostToolUse",
  "UserPromptSubmit",
  "TaskComplete",
  "TaskCancel",
  "TaskError",
  "SessionShutdown",
] as const;

const MARK = "# written by mcp-coordinator init --write-cline-hooks";

export function clineHookScript(base: string, event: string, url?: string): string {
  const urlArg = url ? ` --url ${shellQuote(url)}` : "";
  return `#!/bin/sh\n${MARK}\nexec ${base} ${event} --client cline${urlArg}\n`;
}

/** Writes one script per event; a script of the same name that is not ours is left alone and reported. */
export function writeClineHooks(
  dir: string,
  base: string,
  url?: string,
): { written: string[]; skipped: string[] } {
  const hooks = join(dir, ".clinerules", "hooks");
  mkdirSync(hooks, { recursive: true });
  const written: string[] = [];
  const skipped: string[] = [];
  for (const event of CLINE_EVENTS) {
    const file = join(hooks, event);
    if (existsSync(file) && !readFileSync(file, "utf8").includes(MARK)) {
      skipped.push(file);
      continue;
    }
    writeFileSync(file, clineHookScript(base, event, url));
    chmodSync(file, 0o755);
    written.push(file);
  }
  return { written, skipped };
}

/** Removes our scripts (and the folders, when they end up empty). */
export function removeClineHooks(dir: string): string[] {
  const hooks = join(dir, ".clinerules", "hooks");
  const removed: string[] = [];
  for (const event of CLINE_EVENTS) {
    const file = join(hooks, event);
    if (existsSync(file) && readFileSync(file, "utf8").includes(MARK)) {
      rmSync(file);
      removed.push(file);
    }
  }
  for (const folder of [hooks, join(dir, ".clinerules")]) {
    if (existsSync(folder) && readdirSync(folder).length === 0) rmdirSync(folder);
  }
  return removed;
}
