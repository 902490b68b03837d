import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { MemoryEventBus } from "@mcp-coordinator/core/testing";
import { corruptSqliteTable } from "@mcp-coordinator/test-support";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { startTestServer, tempDir } from "./helpers.js";

function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: "info" }, sink), lines };
}

describe("a SQLite database that turns corrupt while the server runs", () => {
  it("answers not ready from the first corrupt read, logs one line naming the file, and leaves it untouched", async () => {
    const dataDir = tempDir("corrupt-runtime-");
    const path = join(dataDir, "coordinator.db");
    const { logger, lines } = capturingLogger();
    const server = await startTestServer({ store: undefined, bus: new MemoryEventBus(), dataDir, logger });
    try {
      for (let i = 0; i < 120; i += 1) {
        const response = await fetch(`${server.url}/api/agents/register`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-agent-id": `agent-${i}` },
          body: JSON.stringify({
            name: `Agent number ${i} with a longer display name`,
            modules: ["src/api"],
          }),
        });
        expect(response.status).toBe(200);
      }
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
      expect(corruptSqliteTable(path, "agents")).toBeGreaterThan(1);
      const file = readFileSync(path);

      const list = await fetch(`${server.url}/api/agents`, { headers: { "x-agent-id": "agent-1" } });
      expect(list.status).toBeGreaterThanOrEqual(500);
      const ready = await fetch(`${server.url}/health/ready`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { checks: { store: { ok: boolean; detail: string } } };
      expect(body.checks.store.ok).toBe(false);
      expect(body.checks.store.detail).toContain(`The SQLite database at ${path} is corrupt`);

      const told = lines.filter((l) => l.msg.includes("is corrupt"));
      expect(told).toHaveLength(1);
      expect(told[0]?.msg).toMatch(
        new RegExp(
          `^The SQLite database at ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is corrupt .*restore a backup, or start on a fresh data dir; it was not modified\\.$`,
        ),
      );
      expect(told[0]?.msg.split("\n")).toHaveLength(1);
      await server.close();
      expect(readFileSync(path).equals(file)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
