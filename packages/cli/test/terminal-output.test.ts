import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BIN, cliEnv, newHome } from "./cli-helpers.js";

// util-linux `script` gives the server a real terminal, as a person starting it would.
const SCRIPT = "/usr/bin/script";

describe.skipIf(!existsSync(SCRIPT))("the foreground server on a terminal", () => {
  it("prints readable log lines and a ready line with the dashboard URL", { timeout: 30_000 }, async () => {
    const home = newHome();
    const child = spawn(
      SCRIPT,
      ["-qec", `${process.execPath} ${BIN} server start --port 0 --mqtt-port 0`, "/dev/null"],
      { env: cliEnv(home), detached: true, stdio: ["pipe", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += String(chunk);
    });
    try {
      const deadline = Date.now() + 20_000;
      while (!out.includes("Ctrl+C stops") && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(
        /\d\d:\d\d:\d\d INFO {2}server +coordinator ready {2}url=http:\/\/127\.0\.0\.1:\d+/,
      );
      expect(out).not.toContain('{"level"');
      expect(out).toMatch(
        /ready: http:\/\/127\.0\.0\.1:(\d+)\/mcp {2}dashboard http:\/\/127\.0\.0\.1:\d+\/dashboard\//,
      );
    } finally {
      if (child.pid) process.kill(-child.pid, "SIGINT");
      await new Promise((resolve) => child.once("close", resolve));
    }
  });
});
