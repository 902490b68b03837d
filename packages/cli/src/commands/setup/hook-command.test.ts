import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseHookCommand } from "./hook-command.js";

const local = () => "/usr/bin/node /home/me/clone/packages/cli/dist/hook.cjs";

describe("the hook command init writes", () => {
  it("is the installed bin when it is on PATH, which every teammate can run", () => {
    const bin = mkdtempSync(join(tmpdir(), "hookbin-"));
    writeFileSync(join(bin, "mcp-coordinator-hook"), "#!/bin/sh\n");
    chmodSync(join(bin, "mcp-coordinator-hook"), 0o755);
    expect(chooseHookCommand(undefined, `/nowhere:${bin}`, local)).toEqual({
      command: "mcp-coordinator-hook",
      shared: true,
    });
  });

  it("is this machine's path, marked not shareable, without the bin on PATH; --hook-command wins", () => {
    expect(chooseHookCommand(undefined, "/nowhere", local)).toEqual({ command: local(), shared: false });
    expect(chooseHookCommand(" npx mcp-coordinator hook ", "/nowhere", local)).toEqual({
      command: "npx mcp-coordinator hook",
      shared: true,
    });
  });
});
