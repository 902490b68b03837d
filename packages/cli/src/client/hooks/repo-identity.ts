import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

export interface RepoLocation {
  /** The working tree's root (a linked worktree's own root, not the main checkout's). */
  readonly root: string;
  /** The repository's common git dir: the same for every worktree of one repo. */
  readonly commonDir: string;
  /** This working tree's own git dir (its HEAD): `.git` itself, or `.git/worktrees/<name>`. */
  readonly gitDir: string;
}

/**
 * Finds the enclosing git working tree by walking up to a `.git` entry, without spawning git (the hook
 * runs on every edit). A `.git` file is a linked worktree (`gitdir: …/.git/worktrees/<name>`), whose
 * common dir is two levels up from its gitdir.
 */
export function locateRepo(start: string): RepoLocation | null {
  let dir = resolve(start);
  for (;;) {
    const dotGit = join(dir, ".git");
    if (existsSync(dotGit)) {
      if (statSync(dotGit).isDirectory()) return { root: dir, commonDir: dotGit, gitDir: dotGit };
      const match = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, "utf8"));
      if (match?.[1]) {
        const gitDir = resolve(dir, match[1].trim());
        const commondirFile = join(gitDir, "commondir");
        const commonDir = existsSync(commondirFile)
          ? resolve(gitDir, readFileSync(commondirFile, "utf8").trim())
          : gitDir;
        return { root: dir, commonDir, gitDir };
      }
      return { root: dir, commonDir: dotGit, gitDir: dotGit };
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export const HOOK_CLIENTS = ["claude", "cursor", "cline", "gemini", "qwen", "codex", "opencode"] as const;
export type HookClient = (typeof HOOK_CLIENTS)[number];

const PREFIX: Record<HookClient, string> = {
  claude: "cc",
  cursor: "cursor",
  cline: "cline",
  gemini: "gemini",
  qwen: "qwen",
  codex: "codex",
  opencode: "opencode",
};

export const CLIENT_LABEL: Record<HookClient, string> = {
  claude: "Claude Code",
  cursor: "Cursor",
  cline: "Cline",
  gemini: "Gemini CLI",
  qwen: "Qwen Code",
  codex: "Codex",
  opencode: "opencode",
};

/**
 * A stable agent id from repo + worktree + session: the same Claude Code session (after a restart with
 * --resume or a compaction) maps to the same agent, and two sessions in one worktree stay two agents.
 * Readable prefix, hashed tail: `cc-wt-hooks-3f9a1c2e`.
 */
export function deriveAgentId(client: HookClient, repo: RepoLocation | null, cwd: string, session: string) {
  const root = repo?.root ?? cwd;
  const digest = createHash("sha256")
    .update(`${repo?.commonDir ?? ""}\0${root}\0${session}`)
    .digest("hex")
    .slice(0, 10);
  const slug =
    basename(root)
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "repo";
  return `${PREFIX[client]}-${slug}-${digest}`;
}

/**
 * A name a human can tell apart from the other agents on the same repo: client, a short session tag,
 * the repository, the worktree when it is not the main checkout, and the branch —
 * `Claude Code 3f9a · shop/wt-auth@auth`. The id stays the key; this is what the dashboard and the
 * messages show.
 */
export function displayName(
  client: HookClient,
  repo: RepoLocation | null,
  cwd: string,
  session: string,
): string {
  const label = CLIENT_LABEL[client];
  const tag =
    session === "default"
      ? ""
      : session
          .replace(/[^A-Za-z0-9]/g, "")
          .slice(0, 4)
          .toLowerCase();
  const tree = basename(repo?.root ?? cwd);
  const name = repo ? repoName(repo) : tree;
  const where = name === tree ? name : `${name}/${tree}`;
  const branch = repo ? currentBranch(repo) : null;
  return `${label}${tag ? ` ${tag}` : ""} · ${where}${branch ? `@${branch}` : ""}`.slice(0, 80);
}

/** The repository's folder name: the parent of a `.git` common dir, or a bare `name.git`. */
function repoName(repo: RepoLocation): string {
  const common = basename(repo.commonDir);
  return common === ".git" ? basename(dirname(repo.commonDir)) : common.replace(/\.git$/, "");
}

/** The checked-out branch from HEAD (`ref: refs/heads/x`), a short commit when detached, else null. */
function currentBranch(repo: RepoLocation): string | null {
  try {
    const head = readFileSync(join(repo.gitDir, "HEAD"), "utf8").trim();
    const ref = /^ref:\s*refs\/heads\/(.+)$/.exec(head);
    if (ref?.[1]) return ref[1];
    return /^[0-9a-f]{40}$/.test(head) ? head.slice(0, 7) : null;
  } catch {
    return null;
  }
}

/**
 * A tool's file path as a repo-relative POSIX path, or null when it lies outside the working tree.
 * Symlinked temp dirs (/tmp → /private/tmp) are retried through realpath.
 */
export function repoRelative(root: string, file: string, cwd: string): string | null {
  const absolute = isAbsolute(file) ? file : resolve(cwd, file);
  const direct = inside(root, absolute);
  if (direct !== null) return direct;
  try {
    return inside(realpathSync(root), realExisting(absolute));
  } catch {
    return null;
  }
}

function inside(root: string, absolute: string): string | null {
  const rel = relative(root, absolute);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return null;
  return rel.split(sep).join("/");
}

/** realpath of the nearest existing ancestor, with the rest appended (the file may not exist yet). */
function realExisting(path: string): string {
  const rest: string[] = [];
  let dir = path;
  while (!existsSync(dir)) {
    rest.unshift(basename(dir));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(realpathSync(dir), ...rest);
}
