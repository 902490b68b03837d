import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { instanceFiles, readPidFile } from "../src/commands/daemon/instance-files.js";
import { newHome, runCli, spawnServer } from "./cli-helpers.js";
import { tempDir } from "./helpers.js";

const started: Array<{ home: string; dataDir?: string }> = [];
afterAll(async () => {
  for (const s of started) {
    await runCli(["server", "stop", ...(s.dataDir ? ["--data-dir", s.dataDir] : [])], { home: s.home });
  }
});

async function waitForPidFile(pidFile: string, timeoutMs = 15_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const info = readPidFile(pidFile);
    if (info) return info;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no PID file at ${pidFile}`);
}

describe("mcp-coordinator CLI, end to end in a temporary HOME", () => {
  // Several daemons and CLI runs in a row: on a loaded machine this alone can take half a minute.
  it("init → server start --daemon → status → doctor all ✔ → stop", { timeout: 90_000 }, async () => {
    const home = newHome();
    const init = await runCli(["init"], { home });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('"url": "http://localhost:3100/mcp"');
    expect(existsSync(join(home, ".mcp-coordinator", "config.json"))).toBe(true);

    const start = await runCli(["server", "start", "--daemon", "--port", "0", "--mqtt-port", "0"], { home });
    started.push({ home });
    expect(start.stderr).toBe("");
    expect(start.code).toBe(0);
    expect(start.stdout).toMatch(/running in the background \(pid \d+\)/);

    const status = await runCli(["server", "status", "--json"], { home });
    expect(status.code).toBe(0);
    const summary = JSON.parse(status.stdout);
    expect(summary).toMatchObject({ running: true, ready: true, agents_online: 0, open_threads: 0 });

    const doctor = await runCli(["doctor"], { home });
    expect(doctor.stdout).not.toContain("✖");
    expect(doctor.stdout.match(/✔/g)?.length).toBe(7);
    expect(doctor.code).toBe(0);

    const dashboard = await runCli(["dashboard"], { home, env: { DISPLAY: "", WAYLAND_DISPLAY: "" } });
    expect(dashboard.stdout.trim()).toBe(`${summary.url}/dashboard/`);
    expect((await fetch(dashboard.stdout.trim())).status).toBe(200);

    const logs = await runCli(["server", "logs", "-n", "3"], { home });
    expect(logs.stdout).toContain("coordinator ready");

    const stop = await runCli(["server", "stop"], { home });
    expect(stop.stdout).toMatch(/stopped \(pid \d+\)/);
    const after = await runCli(["server", "status"], { home });
    expect(after.code).toBe(1);
    expect(after.stdout).toContain("not running");
  });

  it("doctor exits 1 with a hint when nothing runs", async () => {
    const home = newHome();
    const doctor = await runCli(["doctor", "--port", "1", "--mqtt-port", "1"], { home });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain("✖ server");
    expect(doctor.stdout).toContain("hint: start it with: mcp-coordinator server start --daemon");
  });

  it("answers --version and --help on every command", async () => {
    const home = newHome();
    const version = await runCli(["--version"], { home });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    for (const command of [
      [],
      ["init"],
      ["uninstall"],
      ["server"],
      ["server", "start"],
      ["server", "stop"],
      ["server", "status"],
      ["server", "logs"],
      ["dashboard"],
      ["doctor"],
      ["stdio"],
    ]) {
      const help = await runCli([...command, "--help"], { home });
      expect(help.code, command.join(" ")).toBe(0);
      expect(help.stdout).toContain("Usage: mcp-coordinator");
    }
  });
});

describe("taken ports", () => {
  it("a taken HTTP port: one line naming the port and --port/PORT, exit 1", async () => {
    const home = newHome();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    const result = await runCli(["server", "start", "--port", String(port), "--mqtt-port", "0"], { home });
    blocker.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `mcp-coordinator: HTTP port ${port} on 127.0.0.1 is already in use; choose another with --port or PORT (0 picks a free one).\n`,
    );
  });

  it("an explicitly requested MQTT port that Mosquitto holds: one line naming it and --mqtt-port, exit 1", async () => {
    const home = newHome();
    const result = await runCli(["server", "start", "--port", "0", "--mqtt-port", "1883"], { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "mcp-coordinator: MQTT port 1883 on 127.0.0.1 is already in use; choose another with --mqtt-port or COORDINATOR_MQTT_TCP_PORT (0 picks a free one).\n",
    );
  });

  it("the default MQTT port 1883, held by Mosquitto: starts with MQTT over WebSocket only and doctor says why", async () => {
    const home = newHome();
    const start = await runCli(["server", "start", "--daemon", "--port", "0"], { home });
    started.push({ home });
    expect(start.code).toBe(0);
    const info = await waitForPidFile(instanceFiles(join(home, ".mcp-coordinator", "data")).pidFile);
    expect(info.mqtt_url).toBeNull();
    const health = (await (await fetch(`${info.url}/health`)).json()) as { warnings: string[] };
    const warning =
      "MQTT port 1883 on 127.0.0.1 is held by another program: MQTT is served over WebSocket only (/mqtt); choose a TCP port with --mqtt-port or COORDINATOR_MQTT_TCP_PORT (0 picks a free one)";
    expect(health.warnings).toContain(warning);
    const doctor = await runCli(["doctor"], { home });
    expect(doctor.stdout).toContain(warning);
    expect(doctor.stdout).toMatch(/✔ MQTT +CONNECT accepted at ws:\/\/127\.0\.0\.1:\d+\/mqtt/);
    expect(doctor.code).toBe(0);
    const logs = await runCli(["server", "logs", "-n", "50"], { home });
    expect(logs.stdout).toContain("is held by another program");
  });

  it("--daemon reports why the server died (the taken MQTT port from the env)", async () => {
    const home = newHome();
    const result = await runCli(["server", "start", "--daemon", "--port", "0"], {
      home,
      env: { COORDINATOR_MQTT_TCP_PORT: "1883" },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "the server exited during startup: MQTT port 1883 on 127.0.0.1 is already in use",
    );
  });

  it("a bad setting names the key, its source and what is allowed", async () => {
    const home = newHome();
    const result = await runCli(["server", "start"], { home, env: { PORT: "abc" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'mcp-coordinator: Invalid PORT (environment variable): "abc" — expected an integer from 0 to 65535 (0 picks a free port).\n',
    );
  });
});

describe("a data directory that cannot be created", () => {
  it.each([[[]], [["--daemon"]]])(
    "under /proc: server start %j refuses it at once in one line, exit 1",
    async (extra) => {
      const home = newHome();
      const started = Date.now();
      const result = await runCli(
        ["server", "start", ...extra, "--port", "0", "--mqtt-port", "0", "--data-dir", "/proc/no-such/data"],
        { home, timeoutMs: 20_000 },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        "mcp-coordinator: Data directory /proc/no-such/data is not writable (ENOENT); choose another with --data-dir or COORDINATOR_DATA_DIR.\n",
      );
      // Node's recursive mkdir loops forever there; the refusal must not wait on anything.
      expect(Date.now() - started).toBeLessThan(15_000);
    },
  );
});

describe("several instances", () => {
  it("two daemons with distinct data dirs and ports run side by side", { timeout: 90_000 }, async () => {
    const home = newHome();
    const project = tempDir("two-");
    const dirs = [join(project, "a"), join(project, "b")];
    for (const dataDir of dirs) {
      const start = await runCli(
        ["server", "start", "--daemon", "--port", "0", "--mqtt-port", "0", "--data-dir", dataDir],
        {
          home,
        },
      );
      started.push({ home, dataDir });
      expect(start.code, start.stderr).toBe(0);
    }
    const infos = dirs.map((d) => readPidFile(instanceFiles(d).pidFile));
    expect(infos[0]?.port).not.toBe(infos[1]?.port);
    expect(infos[0]?.pid).not.toBe(infos[1]?.pid);
    for (const dataDir of dirs) {
      const status = await runCli(["server", "status", "--json", "--data-dir", dataDir], { home });
      expect(JSON.parse(status.stdout)).toMatchObject({ running: true, ready: true });
      expect(existsSync(join(dataDir, "coordinator.db"))).toBe(true);
    }
    const again = await runCli(
      ["server", "start", "--daemon", "--port", "0", "--mqtt-port", "0", "--data-dir", dirs[0] as string],
      {
        home,
      },
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already running");
    for (const dataDir of dirs) {
      expect((await runCli(["server", "stop", "--data-dir", dataDir], { home })).code).toBe(0);
    }
  });

  it("detects a stale PID file", async () => {
    const home = newHome();
    const dataDir = join(tempDir("stale-"), "data");
    const { pidFile } = instanceFiles(dataDir);
    writeFileSync(pidFile, JSON.stringify({ pid: 2 ** 22 + 12345, url: "http://127.0.0.1:1" }));
    const status = await runCli(["server", "status", "--data-dir", dataDir], { home });
    expect(status.code).toBe(1);
    expect(status.stdout).toContain("stale PID file");
    const stop = await runCli(["server", "stop", "--data-dir", dataDir], { home });
    expect(stop.stdout).toContain("removed the stale PID file");
    expect(existsSync(pidFile)).toBe(false);
  });
});

describe("SIGTERM", () => {
  it("finishes in-flight requests, then exits 0 within 5 s", async () => {
    const home = newHome();
    const server = spawnServer(["--port", "0", "--mqtt-port", "0"], { home });
    const info = await waitForPidFile(join(home, ".mcp-coordinator", "server.pid"));
    const register = await fetch(`${info.url}/api/agents/register`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-agent-id": "alice" },
      body: JSON.stringify({ name: "Alice" }),
    });
    expect(register.status).toBe(200);
    const body = JSON.stringify({ path: "src/a.ts" });
    const inFlight = Array.from(
      { length: 5 },
      () =>
        new Promise<number>((resolve, reject) => {
          const req = request(
            `${info.url}/api/files/activity`,
            {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "content-length": body.length,
                "x-agent-id": "alice",
              },
            },
            (res) => {
              res.resume();
              res.on("end", () => resolve(res.statusCode ?? 0));
            },
          );
          req.on("error", reject);
          req.write(body.slice(0, 3));
          setTimeout(() => req.end(body.slice(3)), 400);
        }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const signalled = Date.now();
    server.child.kill("SIGTERM");
    const statuses = await Promise.all(inFlight);
    const code = await server.exited;
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(existsSync(join(home, ".mcp-coordinator", "server.pid"))).toBe(false);
    expect(server.output()).toContain('"msg":"stopped"');
  });
});

describe("init / uninstall", () => {
  it("round-trip leaves a pre-existing .mcp.json and CLAUDE.md byte-identical", async () => {
    const home = newHome();
    const project = tempDir("proj-");
    const mcpJson = `{\n  "mcpServers": {\n    "github": {\n      "command": "gh-mcp",\n      "args": ["--stdio"]\n    }\n  }\n}\n`;
    const claudeMd = "# My project\n\nUse tabs. Never touch vendor/.\n";
    writeFileSync(join(project, ".mcp.json"), mcpJson);
    writeFileSync(join(project, "CLAUDE.md"), claudeMd);

    const args = ["init", "--write-mcp-config", project, "--write-claude-md", project];
    expect((await runCli(args, { home })).code).toBe(0);
    const written = {
      mcp: readFileSync(join(project, ".mcp.json"), "utf8"),
      claude: readFileSync(join(project, "CLAUDE.md"), "utf8"),
    };
    expect(JSON.parse(written.mcp).mcpServers).toMatchObject({
      github: { command: "gh-mcp" },
      coordinator: { type: "http", url: "http://localhost:3100/mcp" },
    });
    expect(written.claude.startsWith(claudeMd)).toBe(true);
    expect(written.claude).toContain("<!-- mcp-coordinator:coordination-section:start -->");

    expect((await runCli(args, { home })).code).toBe(0);
    expect(readFileSync(join(project, ".mcp.json"), "utf8")).toBe(written.mcp);
    expect(readFileSync(join(project, "CLAUDE.md"), "utf8")).toBe(written.claude);

    const uninstall = await runCli(["uninstall", "--mcp-config", project, "--claude-md", project], { home });
    expect(uninstall.code).toBe(0);
    expect(readFileSync(join(project, ".mcp.json"), "utf8")).toBe(mcpJson);
    expect(readFileSync(join(project, "CLAUDE.md"), "utf8")).toBe(claudeMd);
  });

  it("deletes files it created once they are empty again, and --purge asks unless --force", async () => {
    const home = newHome();
    const project = tempDir("fresh-");
    await runCli(
      ["init", "--url", "http://10.0.0.5:3110", "--write-mcp-config", project, "--write-claude-md", project],
      {
        home,
      },
    );
    expect(JSON.parse(readFileSync(join(project, ".mcp.json"), "utf8")).mcpServers.coordinator.url).toBe(
      "http://10.0.0.5:3110/mcp",
    );
    await runCli(["uninstall", "--mcp-config", project, "--claude-md", project], { home });
    expect(existsSync(join(project, ".mcp.json"))).toBe(false);
    expect(existsSync(join(project, "CLAUDE.md"))).toBe(false);

    const refused = await runCli(["uninstall", "--purge"], { home });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("add --force");
    expect(existsSync(join(home, ".mcp-coordinator"))).toBe(true);
    expect((await runCli(["uninstall", "--purge", "--force"], { home })).code).toBe(0);
    expect(existsSync(join(home, ".mcp-coordinator"))).toBe(false);
  });
});
