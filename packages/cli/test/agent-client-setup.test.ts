import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { newHome, runCli } from "./cli-helpers.js";
import { tempDir } from "./helpers.js";

/** Every file under `dir` with its bytes: what "byte-identical" is checked against. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, "latin1");
    }
  };
  walk(dir);
  return out;
}

function write(dir: string, file: string, text: string) {
  mkdirSync(join(dir, file, ".."), { recursive: true });
  writeFileSync(join(dir, file), text);
}

/** Each client with a config a user already has, with their own servers, hooks and formatting. */
const CLIENTS = [
  {
    client: "gemini",
    existing: {
      ".gemini/settings.json":
        '{\n    // mine\n    "theme": "GitHub",\n    "mcpServers": {\n        "other": { "command": "x" }\n    },\n    "hooks": {\n        "BeforeTool": [ { "matcher": "run_shell_command", "hooks": [ { "type": "command", "command": "./audit.sh" } ] } ]\n    }\n}\n',
    },
    check: (dir: string) => {
      const text = readFileSync(join(dir, ".gemini/settings.json"), "utf8");
      expect(text).toContain("// mine");
      expect(text).toContain('"httpUrl": "http://127.0.0.1:3999/mcp"');
      expect(text).toContain("BeforeTool --client gemini");
      expect(text).toContain("./audit.sh");
    },
  },
  {
    client: "qwen",
    existing: { ".qwen/settings.json": '{\r\n\t"model": { "name": "qwen3-coder" }\r\n}\r\n' },
    check: (dir: string) => {
      const doc = JSON.parse(readFileSync(join(dir, ".qwen/settings.json"), "utf8"));
      expect(doc.model).toEqual({ name: "qwen3-coder" });
      expect(doc.mcpServers.coordinator).toEqual({ httpUrl: "http://127.0.0.1:3999/mcp" });
      expect(Object.keys(doc.hooks)).toEqual([
        "SessionStart",
        "PreToolUse",
        "PostToolUse",
        "UserPromptSubmit",
        "SessionEnd",
      ]);
    },
  },
  {
    client: "codex",
    existing: {
      ".codex/config.toml":
        'model = "o4-mini"\n\n[features]\nweb_search = true\n\n[mcp_servers.docs]\ncommand = "docs-mcp"\n',
      ".codex/hooks.json":
        '{\n  "hooks": {\n    "Stop": [ { "hooks": [ { "type": "command", "command": "./notify.sh" } ] } ]\n  }\n}\n',
    },
    check: (dir: string) => {
      const toml = readFileSync(join(dir, ".codex/config.toml"), "utf8");
      expect(toml).toContain('[mcp_servers.coordinator]\nurl = "http://127.0.0.1:3999/mcp"');
      // The user's [features] table gets the hooks switch; no second [features] table.
      expect(toml.match(/^\[features\]/gm)).toHaveLength(1);
      expect(toml).toMatch(/\[features\]\nhooks = true/);
      const hooks = JSON.parse(readFileSync(join(dir, ".codex/hooks.json"), "utf8")).hooks;
      expect(hooks.Stop).toHaveLength(1);
      expect(hooks.PreToolUse[0].matcher).toContain("Bash");
    },
  },
  {
    client: "opencode",
    existing: {
      "opencode.json":
        '{\n  "$schema": "https://opencode.ai/config.json",\n  "mcp": { "jira": { "type": "remote", "url": "https://jira.example/mcp" } }\n}\n',
      ".opencode/plugin/mine.js": "export const Mine = async () => ({});\n",
    },
    check: (dir: string) => {
      const doc = JSON.parse(readFileSync(join(dir, "opencode.json"), "utf8"));
      expect(doc.mcp.jira.url).toBe("https://jira.example/mcp");
      expect(doc.mcp.coordinator).toEqual({
        type: "remote",
        url: "http://127.0.0.1:3999/mcp",
        enabled: true,
      });
      const plugin = readFileSync(join(dir, ".opencode/plugin/mcp-coordinator.js"), "utf8");
      expect(plugin).toContain("--client opencode");
      expect(plugin).toContain('"tool.execute.before"');
    },
  },
  {
    client: "cline",
    existing: { ".clinerules/style.md": "Use tabs.\n" },
    check: (dir: string) => {
      expect(readFileSync(join(dir, ".clinerules/hooks/PreToolUse"), "utf8")).toContain("--client cline");
    },
  },
] as const;

/** Cline's own overrides of its settings path, blanked so no test reaches a real ~/.cline. */
const NO_CLINE_ENV = { CLINE_DIR: "", CLINE_DATA_DIR: "", CLINE_MCP_SETTINGS_PATH: "" };

describe.each(CLIENTS)(
  "init --client $client / uninstall --client $client",
  // Three CLI runs per test: seconds each on a loaded machine.
  { timeout: 120_000 },
  ({ client, existing, check }) => {
    it("merges into the user's own config and uninstall gives back every byte", async () => {
      const dir = tempDir(`setup-${client}-`);
      for (const [file, text] of Object.entries(existing)) write(dir, file, text);
      const before = snapshot(dir);
      const home = newHome();
      const url = "http://127.0.0.1:3999";
      const init = await runCli(["init", "--url", url, "--client", client], {
        home,
        cwd: dir,
        env: NO_CLINE_ENV,
      });
      expect(init.code, init.stderr).toBe(0);
      check(dir);
      const again = await runCli(["init", "--url", url, "--client", client], {
        home,
        cwd: dir,
        env: NO_CLINE_ENV,
      });
      expect(again.code, again.stderr).toBe(0);
      check(dir);
      const removed = await runCli(["uninstall", "--client", client], { home, cwd: dir, env: NO_CLINE_ENV });
      expect(removed.code, removed.stderr).toBe(0);
      expect(snapshot(dir)).toEqual(before);
    });

    it("in a folder without any config, uninstall leaves nothing behind", async () => {
      const dir = tempDir(`setup-${client}-empty-`);
      const home = newHome();
      const flag = `--write-${client}`;
      const init = await runCli(["init", "--url", "http://127.0.0.1:3999", flag, dir], {
        home,
        cwd: home,
        env: NO_CLINE_ENV,
      });
      expect(init.code, init.stderr).toBe(0);
      expect(Object.keys(snapshot(dir)).length).toBeGreaterThan(0);
      const removed = await runCli(["uninstall", `--${client}`, dir], { home, cwd: home, env: NO_CLINE_ENV });
      expect(removed.code, removed.stderr).toBe(0);
      expect(snapshot(dir)).toEqual({});
      expect(readdirSync(dir)).toEqual([]);
    });
  },
);

describe("init --client", () => {
  it("refuses an unknown client and names the known ones", async () => {
    const home = newHome();
    const result = await runCli(["init", "--client", "aider"], { home, cwd: home, env: NO_CLINE_ENV });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('unknown --client "aider"');
    expect(result.stderr).toContain("gemini, qwen, codex, opencode");
  });
});

describe("Cline: hook scripts in the repo, the MCP entry in Cline's own settings under HOME", {
  timeout: 120_000,
}, () => {
  // Cline's own overrides of that path, blanked so the test never reaches a real ~/.cline.
  const env = { CLINE_DIR: "", CLINE_DATA_DIR: "", CLINE_MCP_SETTINGS_PATH: "" };
  const settings = join(".cline", "data", "settings", "cline_mcp_settings.json");

  it("merges into the user's cline_mcp_settings.json as `cline mcp add` would, and uninstall gives back every byte", async () => {
    const dir = tempDir("setup-cline-mcp-");
    const home = newHome();
    // What `cline mcp add docs --transport http … --yes` left, plus a disabled stdio server.
    write(
      home,
      settings,
      '{\n    "mcpServers": {\n        "docs": {\n            "transport": { "type": "streamableHttp", "url": "https://docs.example/mcp" }\n        },\n        "local": { "transport": { "type": "stdio", "command": "local-mcp" }, "disabled": true }\n    }\n}\n',
    );
    write(dir, ".clinerules/hooks/Notify", "#!/bin/sh\necho mine\n");
    const before = { home: snapshot(home), dir: snapshot(dir) };
    const url = "http://127.0.0.1:3999";
    const init = await runCli(["init", "--url", url, "--write-cline", dir], { home, cwd: dir, env });
    expect(init.code, init.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(home, settings), "utf8"));
    expect(doc.mcpServers.coordinator).toEqual({
      transport: { type: "streamableHttp", url: "http://127.0.0.1:3999/mcp" },
    });
    expect(doc.mcpServers.local).toEqual({
      transport: { type: "stdio", command: "local-mcp" },
      disabled: true,
    });
    expect(readFileSync(join(dir, ".clinerules/hooks/PreToolUse"), "utf8")).toContain("--client cline");
    expect(statSync(join(dir, ".clinerules/hooks/PreToolUse")).mode & 0o111).not.toBe(0);

    const removed = await runCli(["uninstall", "--cline", dir], { home, cwd: dir, env });
    expect(removed.code, removed.stderr).toBe(0);
    // Only the config.json init writes for itself stays in HOME.
    const { [join(".mcp-coordinator", "config.json")]: _own, ...homeAfter } = snapshot(home);
    expect({ home: homeAfter, dir: snapshot(dir) }).toEqual(before);
  });

  it("in a HOME without Cline settings, uninstall removes the file and the folders init created", async () => {
    const dir = tempDir("setup-cline-mcp-empty-");
    const home = newHome();
    const init = await runCli(["init", "--url", "http://127.0.0.1:3999", "--client", "cline"], {
      home,
      cwd: dir,
      env,
    });
    expect(init.code, init.stderr).toBe(0);
    expect(readFileSync(join(home, settings), "utf8")).toContain('"coordinator"');
    const removed = await runCli(["uninstall", "--client", "cline"], { home, cwd: dir, env });
    expect(removed.code, removed.stderr).toBe(0);
    expect(readdirSync(home)).not.toContain(".cline");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("follows CLINE_MCP_SETTINGS_PATH as Cline does, and uninstall leaves the folder it names", async () => {
    const dir = tempDir("setup-cline-mcp-env-");
    const home = newHome();
    const file = join(tempDir("cline-settings-"), "mcp.json");
    const init = await runCli(["init", "--url", "http://127.0.0.1:3999", "--write-cline", dir], {
      home,
      cwd: dir,
      env: { ...env, CLINE_MCP_SETTINGS_PATH: file },
    });
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).mcpServers.coordinator.transport.url).toBe(
      "http://127.0.0.1:3999/mcp",
    );
    expect(readdirSync(home)).not.toContain(".cline");
    // The folder the user named stays, even empty: only Cline's default folders are init's to remove.
    const removed = await runCli(["uninstall", "--cline", dir], {
      home,
      cwd: dir,
      env: { ...env, CLINE_MCP_SETTINGS_PATH: file },
    });
    expect(removed.code, removed.stderr).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(file, ".."))).toBe(true);
  });

  it("refuses --token-header, since Cline would need the token in clear, and says how to add it instead", async () => {
    const dir = tempDir("setup-cline-token-");
    const home = newHome();
    const init = await runCli(
      ["init", "--url", "http://127.0.0.1:3999", "--write-cline", dir, "--token-header"],
      { home, cwd: dir, env },
    );
    expect(init.code).not.toBe(0);
    expect(init.stderr).toContain("Cline does not expand environment variables in MCP headers");
    expect(init.stderr).toContain("cline mcp add coordinator --transport http");
    expect(readdirSync(home)).not.toContain(".cline");
    expect(readdirSync(dir)).toEqual([]);
  });
});
