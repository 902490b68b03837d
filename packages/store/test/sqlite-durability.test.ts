import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStore } from "../src/sqlite/index.js";
import { tempDir } from "./helpers.js";

const temp = tempDir("mcp-store-durability-");
afterAll(() => temp.cleanup());
const writer = fileURLToPath(new URL("./fixtures/durability-writer.ts", import.meta.url));

/** Runs the writer until it has acknowledged `atLeast` commits, then SIGKILLs it; returns the acks. */
function writeThenKill(path: string, run: number, atLeast: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", writer, path, String(run)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acked: string[] = [];
    let buffer = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) acked.push(line);
      if (acked.length >= atLeast && !child.killed) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => {
      if (signal === "SIGKILL") resolve(acked);
      else reject(new Error(`writer exited without being killed: ${stderr}`));
    });
  });
}

describe("SQLite durability", () => {
  it("keeps every acknowledged write across a SIGKILL, and the file passes integrity_check", async () => {
    const path = join(temp.dir, "killed.db");
    for (const round of [1, 2]) {
      const acked = await writeThenKill(path, round, 300);
      expect(acked.length).toBeGreaterThanOrEqual(300);
      const store = await createSqliteStore({ path });
      try {
        expect(store.integrityCheck()).toBe("ok");
        const present = await store.transaction(async (tx) => {
          const agents = new Set((await tx.listAgents("default")).map((a) => a.id));
          const messages = new Set((await tx.listMessages("default", "T-1")).map((m) => m.id));
          return { agents, messages };
        });
        const missing = acked.filter(
          (i) => !present.agents.has(`agent-${i}`) || !present.messages.has(`M-${i}`),
        );
        expect(missing).toEqual([]);
      } finally {
        await store.close();
      }
    }
  }, 60_000);
});
