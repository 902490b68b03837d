import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness.js";

// 0.1.13 runs on Node 20 (later versions crash there). npx keeps it in the npm cache between runs.
const CONFORMANCE = "@modelcontextprotocol/conformance@0.1.13";
const expectedFailures = fileURLToPath(new URL("./conformance/expected-failures.yml", import.meta.url));

let s: TestServer;
let outDir: string;
beforeAll(async () => {
  s = await startTestServer();
  outDir = mkdtempSync(join(tmpdir(), "mcp-conformance-"));
});
afterAll(async () => {
  await s.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe("MCP conformance suite", () => {
  it("passes every server scenario that does not need the reference fixtures", {
    timeout: 180_000,
  }, async () => {
    const { code, stdout, stderr } = await run(
      "npx",
      ["-y", CONFORMANCE, "server", "--url", s.url, "--expected-failures", expectedFailures, "-o", outDir],
      { env: { ...process.env, NO_COLOR: "1" }, timeoutMs: 170_000 },
    );
    const output = stdout + stderr;
    const total = output.match(/Total: \d+ passed, \d+ failed/)?.[0];
    console.log(`conformance: ${total}`);
    expect(output, output.slice(-3_000)).toContain("Baseline check passed");
    expect(code).toBe(0);
    for (const scenario of [
      "server-initialize",
      "logging-set-level",
      "ping",
      "tools-list",
      "server-sse-multiple-streams",
      "resources-list",
      "prompts-list",
      "dns-rebinding-protection",
    ]) {
      expect(output).toMatch(new RegExp(`✓ ${scenario}: \\d+ passed, 0 failed`));
    }
  });
});
