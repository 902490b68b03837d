import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { findLeaks, scanTestLogs, startLogScan } from "@mcp-coordinator/test-support";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/server/log/create-logger.js";
import { tempDir } from "../helpers.js";

const JWT =
  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsIm9yZyI6ImFjbWUifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1oZXJl";
const OPAQUE = "rt_9bZ1kq2Lw8mN3pQ7sT5vX0yA4cE6gH";

describe("the whole-run log redaction scan", () => {
  it("finds a recorded secret, a JWT, a bearer credential and a URL password, naming file and line", () => {
    const text = [
      JSON.stringify({ msg: "fine", reqId: "r-1" }),
      JSON.stringify({ msg: `refresh ${OPAQUE}` }),
      JSON.stringify({ msg: "verify", token: JWT }),
      JSON.stringify({ headers: { authorization: "Bearer abcdefghijklmnopqrstuv" } }),
      JSON.stringify({ url: "postgres://app:hunter2hunter2@db:5432/x" }),
    ].join("\n");
    const leaks = findLeaks("inproc-1.jsonl", text, [OPAQUE]);
    expect(leaks.map((l) => [l.line, l.what.split(":")[0]])).toEqual([
      [2, "a secret the tests used"],
      [3, "JWT"],
      [4, "bearer credential"],
      [5, "URL password"],
    ]);
    // The finding never repeats the secret itself.
    expect(JSON.stringify(leaks)).not.toContain(OPAQUE);
  });

  it("passes redacted lines", () => {
    const text = [
      JSON.stringify({ headers: { authorization: "[Redacted]" }, msg: "Bearer [Redacted]" }),
      JSON.stringify({ url: "postgres://app:[Redacted]@db:5432/x", token: "[Redacted]" }),
    ].join("\n");
    expect(findLeaks("a.jsonl", text, [OPAQUE])).toEqual([]);
  });

  it("fails on a directory holding an unredacted line and passes what the production logger wrote", async () => {
    const dir = tempDir("log-scan-");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `secrets-1.txt`), `${OPAQUE}\n`);
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on("data", (c) => chunks.push(String(c)));
    const logger = createLogger({ level: "debug", destination: out });
    logger.info({ token: OPAQUE, headers: { authorization: `Bearer ${JWT}` } }, `signed in with ${JWT}`);
    logger.warn({ err: new Error(`bad credential Bearer ${OPAQUE}`) }, "refused");
    await new Promise((resolve) => setImmediate(resolve));
    writeFileSync(join(dir, "inproc-1.jsonl"), chunks.join(""));
    expect(scanTestLogs(dir)).toMatchObject({ files: 1, lines: 2, leaks: [] });

    writeFileSync(join(dir, "server-1-1.log"), `{"msg":"leaked ${OPAQUE}"}\n`);
    const { leaks } = scanTestLogs(dir);
    expect(leaks).toEqual([
      { file: "server-1-1.log", line: 1, what: expect.stringContaining("a secret the tests used") },
    ]);
  });

  it("reads the log files a daemon left in a recorded data dir, subdirectories included", () => {
    const dir = tempDir("log-scan-");
    const dataDir = tempDir("daemon-data-");
    writeFileSync(join(dir, "secrets-1.txt"), `${OPAQUE}\n`);
    writeFileSync(join(dir, "log-dirs-1.txt"), `${dataDir}\n${join(dataDir, "gone")}\n`);
    mkdirSync(join(dataDir, "logs"));
    writeFileSync(join(dataDir, "logs", "server.log"), `{"msg":"clean"}\n`);
    expect(scanTestLogs(dir)).toMatchObject({ files: 1, lines: 1, leaks: [] });

    writeFileSync(join(dataDir, "logs", "server.log.1"), "");
    writeFileSync(join(dataDir, "logs", "server.log"), `{"msg":"clean"}\n{"msg":"refresh ${OPAQUE}"}\n`);
    const { leaks } = scanTestLogs(dir);
    expect(leaks).toEqual([
      {
        file: expect.stringMatching(/logs\/server\.log$/),
        line: 2,
        what: expect.stringContaining("a secret"),
      },
    ]);
  });

  it("the teardown throws naming the leak and sets exit code 1, which CI reads", () => {
    const dir = join(tempDir("log-scan-"), "run");
    const before = { env: process.env.MCPC_TEST_LOG_DIR, exitCode: process.exitCode };
    const teardown = startLogScan(dir);
    // This worker keeps logging into the real run's directory.
    if (before.env === undefined) delete process.env.MCPC_TEST_LOG_DIR;
    else process.env.MCPC_TEST_LOG_DIR = before.env;
    writeFileSync(join(dir, "inproc-1.jsonl"), `{"msg":"verify ${JWT}"}\n`);
    try {
      expect(teardown).toThrow(
        /1 log line\(s\) of this test run show a credential[\s\S]*inproc-1\.jsonl:1: JWT/,
      );
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = before.exitCode;
    }
  });
});
