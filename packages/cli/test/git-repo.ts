import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./helpers.js";

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@t",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@t",
};

/** A fresh repository where `files` changed together in each of `commits` commits: a Layer 4 pair. */
export function repoWithPair(files: readonly string[], commits: number, prefix = "repo-"): string {
  const repo = tempDir(prefix);
  execFileSync("git", ["init", "-q"], { cwd: repo });
  for (let i = 0; i < commits; i++) {
    for (const file of files) writeFileSync(join(repo, file), `${i}`);
    execFileSync("git", ["add", "."], { cwd: repo });
    execFileSync("git", ["commit", "-qm", `c${i}`], { cwd: repo, env: gitEnv });
  }
  return repo;
}
