import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { awaitReady } from "./ready-signal.js";

/** A child with the readiness pipe as its fd 3, running `script`. */
function child(script: string) {
  const proc = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "ignore", "ignore", "pipe"] });
  return { proc, pipe: proc.stdio[3] as Readable };
}

// Every test starts a process (two of them a TypeScript one, through tsx): allow for a loaded machine.
describe("the daemon's readiness pipe", { timeout: 90_000 }, () => {
  it("reports ready as soon as the daemon writes its line", async () => {
    const { proc, pipe } = child(`require("fs").writeSync(3, "ready\\n"); setTimeout(() => {}, 5000)`);
    try {
      await expect(awaitReady(pipe, proc, 10_000)).resolves.toEqual({ ready: true });
    } finally {
      proc.kill();
    }
  });

  it("reports the exit code of a daemon that dies before it is ready", async () => {
    const { proc, pipe } = child("process.exit(3)");
    await expect(awaitReady(pipe, proc, 10_000)).resolves.toEqual({ ready: false, exitCode: 3 });
  });

  it("reports not ready, still running, when the daemon stays silent past the deadline", async () => {
    const { proc, pipe } = child("setTimeout(() => {}, 5000)");
    try {
      await expect(awaitReady(pipe, proc, 200)).resolves.toEqual({ ready: false, exitCode: null });
    } finally {
      proc.kill();
    }
  });

  it("has the daemon write its line only once its /health/ready answers 200", async () => {
    let asked = 0;
    const server = await healthServer(() => (++asked >= 3 ? 200 : 503));
    try {
      const { proc, pipe } = signallingChild(server.url, 10_000);
      await expect(awaitReady(pipe, proc, 80_000)).resolves.toEqual({ ready: true });
      expect(asked).toBe(3);
    } finally {
      server.close();
    }
  });

  it("has a daemon that never gets ready close the pipe without a word", async () => {
    const server = await healthServer(() => 503);
    try {
      const { proc, pipe } = signallingChild(server.url, 300);
      // The stand-in has nothing left to do once it closed the pipe: it exits 0, not ready.
      await expect(awaitReady(pipe, proc, 80_000)).resolves.toEqual({ ready: false, exitCode: 0 });
    } finally {
      server.close();
    }
  });
});

/** A stand-in daemon's HTTP side: /health/ready answers `status()`. */
async function healthServer(status: () => number): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    res.statusCode = req.url === "/health/ready" ? status() : 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

/** A child that runs signalReady(url, 3, timeoutMs) on its fd 3, the pipe this process reads. */
function signallingChild(url: string, timeoutMs: number) {
  const module = JSON.stringify(new URL("./ready-signal.ts", import.meta.url).href);
  const script = `import(${module}).then((m) => m.signalReady(${JSON.stringify(url)}, 3, ${timeoutMs}))`;
  const proc = spawn(process.execPath, ["--import", "tsx", "-e", script], {
    stdio: ["ignore", "ignore", "inherit", "pipe"],
  });
  return { proc, pipe: proc.stdio[3] as Readable };
}
