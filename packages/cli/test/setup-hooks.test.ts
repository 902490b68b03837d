import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { newHome, runCli } from "./cli-helpers.js";
import { tempDir } from "./helpers.js";

describe("init --write-*-hooks / uninstall", () => {
  it("round-trips pre-existing Claude and Cursor settings byte for byte", async () => {
    const home = newHome();
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
      { home },
    );
    expect(init.code, init.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, ".claude", "settings.json"), "utf8"));
    expect(written.model).toBe("opus");
    expect(written.hooks.Stop).toHaveLength(2);
    expect(written.hooks.PreToolUse[0].hooks[0].command).toMatch(
      /hook\.cjs'? PreToolUse --client claude --url http:\/\/127\.0\.0\.1:3999$/,
    );
    const cursorHooks = JSON.parse(readFileSync(join(dir, ".cursor", "hooks.json"), "utf8")).hooks;
    expect(cursorHooks.preToolUse).toHaveLength(1);
    expect(cursorHooks.afterFileEdit).toHaveLength(2);
    expect(readFileSync(join(dir, ".clinerules", "hooks", "PreToolUse"), "utf8")).toContain("--client cline");
    // idempotent
    const again = await runCli(["init", "--url", "http://127.0.0.1:3999", "--write-claude-hooks", dir], {
      home,
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
});
