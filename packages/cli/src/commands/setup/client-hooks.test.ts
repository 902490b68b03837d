import { describe, expect, it } from "vitest";
import { addClientHooks, hookEntries, removeClientHooks } from "./client-hooks.js";

const claudeEntries = hookEntries("claude", "/usr/bin/node /opt/mcp-coordinator/dist/hook.cjs");
const cursorEntries = hookEntries("cursor", "mcp-coordinator hook", "http://127.0.0.1:3100");

describe("client hook settings", () => {
  it("merges into Claude settings without touching other settings or hooks, and removes exactly them", () => {
    const before = [
      "{",
      "    // my settings",
      '    "permissions": { "allow": ["Bash(ls)"] },',
      '    "hooks": {',
      '        "PreToolUse": [',
      '            { "matcher": "Bash", "hooks": [{ "type": "command", "command": "./guard.sh" }] }',
      "        ]",
      "    }",
      "}",
      "",
    ].join("\n");
    const after = addClientHooks(before, "claude", claudeEntries, "settings.json");
    expect(after).toContain("// my settings");
    expect(after).toContain('"command": "./guard.sh"');
    expect(after).toContain("hook.cjs PreToolUse --client claude");
    expect(after).toContain('"matcher": "Edit|Write|MultiEdit|NotebookEdit"');
    expect(addClientHooks(after, "claude", claudeEntries, "settings.json")).toBe(after);
    expect(removeClientHooks(after, "settings.json")).toBe(before);
  });

  it("adds a hooks key to a file without one and takes it out again byte for byte (CRLF, tabs)", () => {
    const before = '{\r\n\t"model": "opus"\r\n}\r\n';
    const after = addClientHooks(before, "claude", claudeEntries, "settings.json");
    expect(after).toContain('\r\n\t"hooks": {\r\n\t\t"SessionStart": [');
    expect(removeClientHooks(after, "settings.json")).toBe(before);
  });

  it("creates a Cursor hooks.json with version 1, and removing it leaves nothing", () => {
    const created = addClientHooks(null, "cursor", cursorEntries, "hooks.json");
    const doc = JSON.parse(created);
    expect(doc.version).toBe(1);
    expect(Object.keys(doc.hooks)).toEqual([
      "sessionStart",
      "preToolUse",
      "afterFileEdit",
      "stop",
      "sessionEnd",
    ]);
    expect(doc.hooks.preToolUse[0].command).toBe(
      "mcp-coordinator hook preToolUse --client cursor --url http://127.0.0.1:3100",
    );
    expect(removeClientHooks(created, "hooks.json")).toBeNull();
  });

  it("replaces an older entry of ours in place instead of adding a second one", () => {
    const old = addClientHooks(null, "claude", hookEntries("claude", "old-path hook"), "s.json");
    const updated = addClientHooks(old, "claude", claudeEntries, "s.json");
    expect(updated).not.toContain("old-path");
    expect(JSON.parse(updated).hooks.Stop).toHaveLength(1);
  });
});
