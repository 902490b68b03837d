import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AGENT_ID_PATTERN } from "@mcp-coordinator/core";
import { describe, expect, it } from "vitest";
import { deriveAgentId, displayName, locateRepo, repoRelative } from "./repo-identity.js";

function fakeRepo() {
  const root = mkdtempSync(join(tmpdir(), "ident-"));
  mkdirSync(join(root, "main", ".git", "worktrees", "wt"), { recursive: true });
  writeFileSync(join(root, "main", ".git", "worktrees", "wt", "commondir"), "../..\n");
  mkdirSync(join(root, "wt", "src"), { recursive: true });
  writeFileSync(join(root, "wt", ".git"), `gitdir: ${join(root, "main", ".git", "worktrees", "wt")}\n`);
  return root;
}

describe("agent identity", () => {
  it("is stable for a session, distinct across sessions and worktrees, and a valid agent id", () => {
    const root = fakeRepo();
    const main = locateRepo(join(root, "main"));
    const wt = locateRepo(join(root, "wt", "src"));
    expect(wt?.root).toBe(join(root, "wt"));
    expect(wt?.commonDir).toBe(join(root, "main", ".git"));
    const id = deriveAgentId("claude", wt, join(root, "wt"), "s1");
    expect(deriveAgentId("claude", locateRepo(join(root, "wt")), join(root, "wt"), "s1")).toBe(id);
    expect(deriveAgentId("claude", wt, join(root, "wt"), "s2")).not.toBe(id);
    expect(deriveAgentId("claude", main, join(root, "main"), "s1")).not.toBe(id);
    expect(id).toMatch(/^cc-wt-[0-9a-f]{10}$/);
    expect(AGENT_ID_PATTERN.test(id)).toBe(true);
  });

  it("names agents so a human tells them apart: client, session tag, repo, worktree, branch", () => {
    const root = fakeRepo();
    writeFileSync(join(root, "main", ".git", "HEAD"), "ref: refs/heads/main\n");
    writeFileSync(join(root, "main", ".git", "worktrees", "wt", "HEAD"), "ref: refs/heads/feature/auth\n");
    const main = locateRepo(join(root, "main"));
    const wt = locateRepo(join(root, "wt"));
    const session = "3f9a1c2e-0000-4000-8000-000000000000";
    expect(displayName("claude", main, join(root, "main"), session)).toBe("Claude Code 3f9a · main@main");
    expect(displayName("claude", wt, join(root, "wt"), session)).toBe(
      "Claude Code 3f9a · main/wt@feature/auth",
    );
    expect(displayName("cursor", wt, join(root, "wt"), "b7c0d")).toBe("Cursor b7c0 · main/wt@feature/auth");
    expect(displayName("claude", main, join(root, "main"), "5e1")).not.toBe(
      displayName("claude", main, join(root, "main"), "9aa"),
    );
    writeFileSync(join(root, "main", ".git", "HEAD"), `${"ab12cd3".padEnd(40, "0")}\n`);
    expect(displayName("cline", main, join(root, "main"), "default")).toBe("Cline · main@ab12cd3");
    expect(displayName("claude", null, join(root, "loose"), "s1")).toBe("Claude Code s1 · loose");
  });

  it("turns tool paths into repo-relative POSIX paths and refuses paths outside the tree", () => {
    const root = fakeRepo();
    const wt = join(root, "wt");
    expect(repoRelative(wt, join(wt, "src", "ä b.ts"), wt)).toBe("src/ä b.ts");
    expect(repoRelative(wt, "src/x.ts", join(wt))).toBe("src/x.ts");
    expect(repoRelative(wt, join(root, "main", "x.ts"), wt)).toBeNull();
  });
});
