import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { newHome, runCli } from "./cli-helpers.js";
import { tempDir } from "./helpers.js";

/** A PATH on which the installed hook runner `mcp-coordinator-hook` exists, as after `npm i -g`. */
function pathWithHookBin(): string {
  const bin = tempDir("hook-bin-");
  writeFileSync(join(bin, "mcp-coordinator-hook"), "#!/bin/sh\n");
  chmodSync(join(bin, "mcp-coordinator-hook"), 0o755);
  return `${bin}:${process.env.PATH ?? ""}`;
}

describe("init --write-*-hooks / uninstall", () => {
  it("round-trips pre-existing Claude and Cursor settings byte for byte", async () => {
    const home = newHome();
    const env = { PATH: pathWithHookBin() };
    const dir = tempDir("hooks-setup-");
    mkdirSync(join(dir, ".claude"));
    mkdirSync(join(dir, ".cursor"));
    const claude =
      '{\n  "model": "opus",\n  "hooks": {\n    "Stop": [{ "hooks": [{ "type": "command", "command": "say done" }] }]\n  }\n}\n';
    const cursor =
      '{\n  "version": 1,\n  "hooks": {\n    "afterFileEdit": [{ "command": "./format.sh" }]\n  }\n}\n';
    writeFileSync(join(dir, ".claude", "settings.json"), claude);
    writeFileSync(join(dir, ".cursor", "hooks.json"), cursor);
    const init = await runCli(
      [
        "init",
        "--url",
        "http://127.0.0.1:3999",
        "--write-claude-hooks",
        dir,
        "--write-cursor-hooks",
        dir,
        "--write-cline-hooks",
        dir,
      ],
      { home, env },
    );
    expect(init.code, init.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, ".claude", "settings.json"), "utf8"));
    expect(written.model).toBe("opus");
    expect(written.hooks.Stop).toHaveLength(2);
    // The installed bin, the same on every teammate's machine: no absolute path in a committed file.
    expect(written.hooks.PreToolUse[0].hooks[0].command).toBe(
      "mcp-coordinator-hook PreToolUse --client claude --url http://127.0.0.1:3999",
    );
    expect(init.stdout).toContain("commit them");
    const cursorHooks = JSON.parse(readFileSync(join(dir, ".cursor", "hooks.json"), "utf8")).hooks;
    expect(cursorHooks.preToolUse).toHaveLength(1);
    expect(cursorHooks.afterFileEdit).toHaveLength(2);
    expect(readFileSync(join(dir, ".clinerules", "hooks", "PreToolUse"), "utf8")).toContain("--client cline");
    // idempotent
    const again = await runCli(["init", "--url", "http://127.0.0.1:3999", "--write-claude-hooks", dir], {
      home,
      env,
    });
    expect(again.stdout).toContain("hooks already in");

    const removed = await runCli(
      ["uninstall", "--claude-hooks", dir, "--cursor-hooks", dir, "--cline-hooks", dir],
      { home },
    );
    expect(removed.code, removed.stderr).toBe(0);
    expect(readFileSync(join(dir, ".claude", "settings.json"), "utf8")).toBe(claude);
    expect(existsSync(join(dir, ".clinerules"))).toBe(false);
    expect(readFileSync(join(dir, ".cursor", "hooks.json"), "utf8")).toBe(cursor);
  });

  it("without the bin on PATH, puts this machine's hook paths in the git-ignored settings.local.json", async () => {
    const home = newHome();
    const dir = tempDir("hooks-local-");
    mkdirSync(join(dir, ".claude"));
    const shared = '{\n  "model": "opus"\n}\n';
    writeFileSync(join(dir, ".claude", "settings.json"), shared);
    const init = await runCli(
      ["init", "--url", "http://localhost:3999", "--write-claude-hooks", dir, "--write-mcp-config", dir],
      { home, env: { PATH: "/usr/bin:/bin" } },
    );
    expect(init.code, init.stderr).toBe(0);
    expect(readFileSync(join(dir, ".claude", "settings.json"), "utf8")).toBe(shared);
    const local = JSON.parse(readFileSync(join(dir, ".claude", "settings.local.json"), "utf8"));
    expect(local.hooks.SessionEnd[0].hooks[0].command).toMatch(/hook\.cjs'? SessionEnd --client claude/);
    expect(init.stdout).toContain("git-ignored settings.local.json");
    // The entry was written: no snippet to paste; next steps the user can run from this clone.
    expect(init.stdout).not.toContain('"mcpServers"');
    expect(init.stdout).toMatch(/Next: node \S*bin\.js server start --daemon/);
    const config = JSON.parse(readFileSync(join(home, ".mcp-coordinator", "config.json"), "utf8"));
    expect(config.server.port).toBe(3999);

    const removed = await runCli(["uninstall", "--claude-hooks", dir], { home });
    expect(removed.code, removed.stderr).toBe(0);
    expect(existsSync(join(dir, ".claude", "settings.local.json"))).toBe(false);
  });
});
