import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CoChangeSnapshotStore } from "@mcp-coordinator/core";
import { createSqliteStore } from "@mcp-coordinator/store/sqlite";
import { describe, expect, it } from "vitest";
import { type GitCoChangeOptions, GitCoChangeSource, type RunGit } from "./git-co-change-source.js";

const settings = {
  sinceDays: 3650,
  maxCommits: 1000,
  maxFilesPerCommit: 50,
  refreshIntervalMs: 60_000,
  retryMs: 60_000,
  timeoutMs: 10_000,
};

function git(cwd: string, ...args: string[]) {
  return execFileSync("git", args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    },
  }).toString();
}

function repoWithHistory(): string {
  const dir = mkdtempSync(join(tmpdir(), "repo-"));
  git(dir, "init", "-q");
  for (let i = 0; i < 3; i++) {
    writeFileSync(join(dir, "user.ts"), `v${i}`);
    writeFileSync(join(dir, "user.test.ts"), `v${i}`);
    writeFileSync(join(dir, "package-lock.json"), `v${i}`);
    git(dir, "add", ".");
    git(dir, "commit", "-qm", `c${i}`);
  }
  writeFileSync(join(dir, "user.ts"), "solo");
  git(dir, "commit", "-qam", "solo");
  return dir;
}

function source(options: Partial<GitCoChangeOptions> & { repoRoot: string }) {
  return new GitCoChangeSource({ ...settings, ...options });
}

describe("GitCoChangeSource", () => {
  it("builds pairs from git log in the background and reports itself available", async () => {
    const co = source({ repoRoot: repoWithHistory() });
    expect(co.status()).toMatchObject({ available: false, reason: "building co-change pairs from git log" });
    await co.refresh();
    expect(co.status()).toMatchObject({ available: true, reason: null, commitsScanned: 4, pairCount: 2 });
    expect(co.partnersOf("user.ts")).toEqual([
      { file: "user.ts", partner: "user.test.ts", together: 3, fileCommits: 4, strength: 0.75 },
    ]);
    expect(co.partnersOf("package-lock.json")).toEqual([]);
    await co.stop();
  });

  it("is disabled with a visible reason outside a repository", async () => {
    const co = source({ repoRoot: mkdtempSync(join(tmpdir(), "norepo-")) });
    await co.refresh();
    expect(co.status()).toMatchObject({
      available: false,
      reason: expect.stringContaining("is not a git repository"),
    });
    await co.stop();
  });

  it("is disabled with a visible reason in a shallow clone", async () => {
    const origin = repoWithHistory();
    const clone = join(mkdtempSync(join(tmpdir(), "shallow-")), "c");
    git(origin, "clone", "-q", "--depth", "1", `file://${origin}`, clone);
    const co = source({ repoRoot: clone });
    await co.refresh();
    expect(co.status()).toMatchObject({ available: false, reason: expect.stringContaining("shallow clone") });
    await co.stop();
  });

  it("retries after a timed-out scan and says so", async () => {
    const co = source({
      repoRoot: "/x",
      retryMs: 5000,
      runGit: async (args) => {
        if (args[0] === "log") throw Object.assign(new Error("Command failed"), { killed: true });
        return "false";
      },
    });
    await co.refresh();
    expect(co.status()).toMatchObject({
      available: false,
      reason: expect.stringMatching(/timed out .*retrying in 5 s/),
    });
    await co.stop();
  });

  it("shared: a follower scores from the stored scan without git; a new leader rescans only when it is due", async () => {
    const repoRoot = repoWithHistory();
    const store = await createSqliteStore({ path: join(mkdtempSync(join(tmpdir(), "shared-")), "c.db") });
    const snapshots = store.coChangeSnapshots();
    let now = 1_000_000;
    const clock = { now: () => now };
    const leader = source({
      repoRoot,
      ...clock,
      shared: { snapshots, repo: repoRoot, lead: async () => true, pollMs: 60_000 },
    });
    await leader.refresh();
    expect(await snapshots.latest(repoRoot)).toMatchObject({ version: 1, builtAt: now, commitsScanned: 4 });

    const gitCalls: string[][] = [];
    const countingGit: RunGit = async (args, options) => {
      gitCalls.push([...args]);
      return execFileSync("git", args as string[], { cwd: options.cwd }).toString();
    };
    let leads = false;
    const follower = source({
      repoRoot,
      ...clock,
      runGit: countingGit,
      shared: { snapshots, repo: repoRoot, lead: async () => leads, pollMs: 60_000 },
    });
    await follower.refresh();
    expect(follower.status()).toEqual(leader.status());
    expect(follower.partnersOf("user.ts")).toEqual(leader.partnersOf("user.ts"));
    expect(gitCalls).toEqual([]);

    // The leader is gone: its scan is still fresh, so the new leader scores from it without scanning.
    await leader.stop();
    leads = true;
    now += settings.refreshIntervalMs - 1;
    await follower.refresh();
    expect(gitCalls).toEqual([]);
    now += 1;
    await follower.refresh();
    expect(gitCalls.some((args) => args[0] === "log")).toBe(true);
    expect(await snapshots.latest(repoRoot)).toMatchObject({ version: 2, builtAt: now });
    await follower.stop();
    await store.close();
  });

  it("shared: a follower with nothing stored yet says it waits for the leader", async () => {
    const store = await createSqliteStore({ path: join(mkdtempSync(join(tmpdir(), "shared-")), "c.db") });
    const follower = source({
      repoRoot: "/nowhere",
      runGit: async () => {
        throw new Error("a follower must not run git");
      },
      shared: {
        snapshots: store.coChangeSnapshots(),
        repo: "/nowhere",
        lead: async () => false,
        pollMs: 60_000,
      },
    });
    await follower.refresh();
    expect(follower.status()).toMatchObject({
      available: false,
      reason: "waiting for the leader instance's first co-change scan",
    });
    await follower.stop();
    await store.close();
  });

  it("shared: a scan whose save failed is saved on the next poll, not scanned again", async () => {
    const repoRoot = repoWithHistory();
    const store = await createSqliteStore({ path: join(mkdtempSync(join(tmpdir(), "shared-")), "c.db") });
    const stored = store.coChangeSnapshots();
    let failSaves = 1;
    const snapshots: CoChangeSnapshotStore = {
      latest: (repo, after) => stored.latest(repo, after),
      save: async (snapshot) => {
        if (failSaves-- > 0) throw new Error("connection refused");
        return stored.save(snapshot);
      },
    };
    let logs = 0;
    const leader = source({
      repoRoot,
      runGit: async (args, options) => {
        if (args[0] === "log") logs += 1;
        return execFileSync("git", args as string[], { cwd: options.cwd }).toString();
      },
      shared: { snapshots, repo: repoRoot, lead: async () => true, pollMs: 60_000 },
    });
    await leader.refresh();
    expect(leader.status().available).toBe(true);
    expect(await stored.latest(repoRoot)).toBeNull();
    await leader.refresh();
    expect(await stored.latest(repoRoot)).toMatchObject({ version: 1, commitsScanned: 4 });
    expect(logs).toBe(1);
    await leader.stop();
    await store.close();
  });
});
