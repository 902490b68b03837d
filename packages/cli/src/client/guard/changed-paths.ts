import { execFileSync } from "node:child_process";

/**
 * Paths from `git … --name-status -z` output. Renames and copies (`R100\0old\0new`) contribute both
 * sides: the old path is being deleted, the new one written. NUL separation keeps spaces, quotes and
 * non-ASCII names intact (no core.quotePath escaping).
 */
export function parseNameStatus(output: string): string[] {
  const fields = output.split("\0");
  const paths: string[] = [];
  let i = 0;
  while (i < fields.length) {
    const status = fields[i++] ?? "";
    if (status === "") continue;
    const pair = status.startsWith("R") || status.startsWith("C");
    const first = fields[i++];
    if (first) paths.push(first);
    if (pair) {
      const second = fields[i++];
      if (second) paths.push(second);
    }
  }
  return [...new Set(paths)];
}

function git(cwd: string, args: readonly string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

export function stagedPaths(cwd: string): string[] {
  return parseNameStatus(git(cwd, ["diff", "--cached", "--name-status", "-z", "-M"]));
}

const ZERO = /^0+$/;

/** Paths a push would publish, from pre-push's stdin (`<local ref> <local sha> <remote ref> <remote sha>`). */
export function pushedPaths(cwd: string, stdin: string): string[] {
  const paths = new Set<string>();
  for (const line of stdin.split("\n")) {
    const [, localSha, , remoteSha] = line.trim().split(/\s+/);
    if (!localSha || !remoteSha || ZERO.test(localSha)) continue;
    const commits = ZERO.test(remoteSha)
      ? git(cwd, ["rev-list", "--max-count=500", localSha, "--not", "--remotes"]).split("\n").filter(Boolean)
      : git(cwd, ["rev-list", "--max-count=500", `${remoteSha}..${localSha}`])
          .split("\n")
          .filter(Boolean);
    for (const commit of commits) {
      const out = git(cwd, [
        "diff-tree",
        "--no-commit-id",
        "--name-status",
        "-z",
        "-r",
        "-M",
        "--root",
        commit,
      ]);
      for (const p of parseNameStatus(out)) paths.add(p);
    }
  }
  return [...paths];
}
