import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";

export const GUARD_HOOKS = ["pre-commit", "pre-push"] as const;
export type GuardHook = (typeof GUARD_HOOKS)[number];

const MARK = "# mcp-coordinator git guard";
/** An existing hook is kept under this suffix and run first, so the guard chains instead of replacing. */
export const CHAINED_SUFFIX = ".pre-mcp-coordinator";

/** The hooks folder git uses for this repo (core.hooksPath and linked worktrees respected). */
export function hooksDir(cwd: string): string {
  const out = execFileSync("git", ["rev-parse", "--git-path", "hooks"], { cwd, encoding: "utf8" }).trim();
  return isAbsolute(out) ? out : join(cwd, out);
}

export function guardScript(hook: GuardHook, base: string): string {
  const chained = `"$hook_dir/${hook}${CHAINED_SUFFIX}"`;
  const lines = [
    "#!/bin/sh",
    `${MARK} (${hook}). Remove with: mcp-coordinator guard uninstall`,
    "# Checks the paths against other agents' live claims and threads; git --no-verify skips it.",
    'hook_dir=$(dirname "$0")',
  ];
  if (hook === "pre-push") {
    lines.push(
      "input=$(cat)",
      `if [ -x ${chained} ]; then printf '%s\\n' "$input" | ${chained} "$@" || exit $?; fi`,
      `printf '%s\\n' "$input" | ${base} guard check --hook pre-push`,
    );
  } else {
    lines.push(
      `if [ -x ${chained} ]; then ${chained} "$@" || exit $?; fi`,
      `${base} guard check --hook ${hook}`,
    );
  }
  // 126/127: the coordinator's binary is gone; a missing tool never blocks a commit.
  lines.push("status=$?", 'if [ "$status" -ge 126 ]; then exit 0; fi', 'exit "$status"', "");
  return lines.join("\n");
}

export interface GuardInstallReport {
  readonly dir: string;
  readonly installed: GuardHook[];
  readonly chained: GuardHook[];
}

export function installGuard(cwd: string, base: string): GuardInstallReport {
  const dir = hooksDir(cwd);
  mkdirSync(dir, { recursive: true });
  const installed: GuardHook[] = [];
  const chained: GuardHook[] = [];
  for (const hook of GUARD_HOOKS) {
    const file = join(dir, hook);
    if (existsSync(file) && !readFileSync(file, "utf8").includes(MARK)) {
      if (existsSync(file + CHAINED_SUFFIX)) {
        throw new Error(`${file}${CHAINED_SUFFIX} already exists; move it away and run again.`);
      }
      renameSync(file, file + CHAINED_SUFFIX);
      chained.push(hook);
    }
    writeFileSync(file, guardScript(hook, base));
    chmodSync(file, 0o755);
    installed.push(hook);
  }
  return { dir, installed, chained };
}

/** Removes our hooks and puts chained ones back where they were. */
export function uninstallGuard(cwd: string): { dir: string; removed: GuardHook[]; restored: GuardHook[] } {
  const dir = hooksDir(cwd);
  const removed: GuardHook[] = [];
  const restored: GuardHook[] = [];
  for (const hook of GUARD_HOOKS) {
    const file = join(dir, hook);
    if (existsSync(file) && readFileSync(file, "utf8").includes(MARK)) {
      rmSync(file);
      removed.push(hook);
      if (existsSync(file + CHAINED_SUFFIX)) {
        renameSync(file + CHAINED_SUFFIX, file);
        restored.push(hook);
      }
    }
  }
  return { dir, removed, restored };
}
