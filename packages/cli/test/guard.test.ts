import { execFile } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { BIN, cliEnv, newHome, runCli } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { git, tempRepo } from "./hook-helpers.js";

let server: CoordinatorServer;
let home: string;
beforeAll(async () => {
  server = await startTestServer();
  home = newHome();
});
afterAll(async () => {
  await server?.close();
});

const org = "default";
const FILE = "src/ä b.ts";

function commit(repo: string, env: Record<string, string>, ...args: string[]) {
  return new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(
      "git",
      ["commit", "-q", "-m", "change", ...args],
      { cwd: repo, env: cliEnv(home, env), timeout: 20_000 },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

async function installedRepo(policy: unknown) {
  const repo = tempRepo(policy);
  writeFileSync(join(repo, "README.md"), "x\n");
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "init");
  const installed = await runCli(["guard", "install", "--command", `${process.execPath} ${BIN}`], {
    home,
    cwd: repo,
  });
  expect(installed.code, installed.stderr).toBe(0);
  return repo;
}

describe("the git guard", () => {
  it("blocks a commit of a path with a live thread, names it, and allows it once the thread resolves", {
    timeout: 60_000,
  }, async () => {
    const repo = await installedRepo({ default: "block" });
    const c = server.coordinator;
    await c.registerAgent({ orgId: org }, { agentId: "bob", name: "Bob" });
    await c.registerAgent({ orgId: org }, { agentId: "carol", name: "Carol" });
    await c.announceWork(
      { orgId: org, userId: "local", agentId: "bob" },
      { subject: "bob's change", targetFiles: [FILE] },
    );
    const t = await c.announceWork(
      { orgId: org, userId: "local", agentId: "carol" },
      { subject: "carol's change", targetFiles: [FILE] },
    );
    const threadId = String(t.threadId);

    writeFileSync(join(repo, FILE), "export const a = 1;\n");
    git(repo, "add", "--", FILE);
    const env = { MCP_COORDINATOR_URL: server.url, MCP_COORDINATOR_AGENT_ID: "alice" };
    const blocked = await commit(repo, env);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain(FILE);
    expect(blocked.stderr).toContain(threadId);
    expect(blocked.stderr).toContain("commit blocked");

    // resolve: carol proposes, bob approves
    await c.proposeResolution(
      { orgId: org, userId: "local", agentId: "carol" },
      { threadId, content: "carol goes first" },
    );
    await c.approveResolution({ orgId: org, userId: "local", agentId: "bob" }, { threadId });
    expect((await c.getThread({ orgId: org }, { threadId })).thread.status).toBe("resolved");
    const allowed = await commit(repo, env);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(git(repo, "log", "--name-only", "--format=", "-1", "-z").split("\0")).toContain(FILE);
  });

  it("blocks on another agent's live claim of a renamed path; --no-verify still commits", async () => {
    const repo = await installedRepo({ default: "block" });
    writeFileSync(join(repo, "src", "old name.ts"), "x\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "--no-verify", "-m", "add");
    await server.coordinator.registerAgent({ orgId: org }, { agentId: "dave", name: "Dave" });
    await server.coordinator.claimWorkingFiles(
      { orgId: org, userId: "local", agentId: "dave" },
      { paths: ["src/old name.ts"] },
    );
    git(repo, "mv", "src/old name.ts", "src/new name.ts");
    const env = { MCP_COORDINATOR_URL: server.url, MCP_COORDINATOR_AGENT_ID: "erin" };
    const blocked = await commit(repo, env);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain("src/old name.ts");
    expect(blocked.stderr).toContain("dave");
    expect(blocked.stderr).toContain("Dave");
    expect((await commit(repo, env, "--no-verify")).code).toBe(0);
  });

  it("warn prints and commits; a missing coordinator never blocks; existing hooks still run first", async () => {
    const repo = tempRepo({ default: "warn" });
    writeFileSync(join(repo, "README.md"), "x\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "init");
    const mine = join(repo, ".git", "hooks", "pre-commit");
    writeFileSync(mine, `#!/bin/sh\necho ran >> "${join(repo, ".git", "mine.log")}"\n`);
    chmodSync(mine, 0o755);
    const install = await runCli(["guard", "install", "--command", `${process.execPath} ${BIN}`], {
      home,
      cwd: repo,
    });
    expect(install.stdout).toContain("your existing hook runs first");

    await server.coordinator.registerAgent({ orgId: org }, { agentId: "frank", name: "Frank" });
    await server.coordinator.claimWorkingFiles(
      { orgId: org, userId: "local", agentId: "frank" },
      { paths: ["src/w.ts"] },
    );
    writeFileSync(join(repo, "src", "w.ts"), "x\n");
    git(repo, "add", ".");
    const warned = await commit(repo, { MCP_COORDINATOR_URL: server.url });
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toContain("frank");
    expect(warned.stderr).toContain("allowed (policy: warn)");

    writeFileSync(join(repo, "src", "w.ts"), "y\n");
    git(repo, "add", ".");
    const down = await commit(repo, { MCP_COORDINATOR_URL: "http://127.0.0.1:9" });
    expect(down.code, down.stderr).toBe(0);
    expect(down.stderr).toContain("not reachable");
    expect(readFileSync(join(repo, ".git", "mine.log"), "utf8")).toBe("ran\nran\n");

    const removed = await runCli(["guard", "uninstall"], { home, cwd: repo });
    expect(removed.stdout).toContain("your previous hook is back");
    expect(readFileSync(mine, "utf8")).toContain("mine.log");
    expect(existsSync(join(repo, ".git", "hooks", "pre-push"))).toBe(false);
  });
});
