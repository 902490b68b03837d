import { afterEach, describe, expect, it } from "vitest";
import type { McpSessionRecord, McpSessionStore } from "../ports/mcp-sessions.js";

const initialize = {
  protocolVersion: "2025-11-25",
  capabilities: { roots: { listChanged: true } },
  clientInfo: { name: "contract-client", version: "1.0.0" },
};

function record(sessionId: string, overrides: Partial<McpSessionRecord> = {}): McpSessionRecord {
  return {
    sessionId,
    orgId: "acme",
    userId: "alice",
    profile: "full",
    initialize,
    agentId: null,
    createdAt: 1_000,
    lastSeenAt: 1_000,
    ...overrides,
  };
}

/**
 * What every McpSessionStore must do. `open()` returns a store over a fresh, empty place each time (or
 * one whose session ids the suite's random ids never meet); `close` releases it.
 */
export function runMcpSessionsContract(
  name: string,
  open: () => Promise<{ sessions: McpSessionStore; close: () => Promise<void> }>,
): void {
  describe(`McpSessionStore contract: ${name}`, () => {
    const closers: (() => Promise<void>)[] = [];
    const fresh = async () => {
      const opened = await open();
      closers.push(opened.close);
      return opened.sessions;
    };
    const id = () => `s-${Math.random().toString(36).slice(2)}`;
    afterEach(async () => {
      await Promise.all(closers.splice(0).map((close) => close()));
    });

    it("finds what it created, initialize params included, and nothing else", async () => {
      const sessions = await fresh();
      const sid = id();
      await sessions.create(record(sid));
      expect(await sessions.find(sid)).toEqual(record(sid));
      expect(await sessions.find(id())).toBeNull();
    });

    it("refuses a second session with the same id and keeps the first", async () => {
      const sessions = await fresh();
      const sid = id();
      await sessions.create(record(sid));
      await expect(sessions.create(record(sid, { userId: "mallory" }))).rejects.toThrow();
      expect((await sessions.find(sid))?.userId).toBe("alice");
    });

    it("binds the agent and moves last-seen forward only", async () => {
      const sessions = await fresh();
      const sid = id();
      await sessions.create(record(sid));
      await sessions.bindAgent(sid, "agent-7");
      await sessions.touch(sid, 5_000);
      await sessions.touch(sid, 3_000);
      expect(await sessions.find(sid)).toMatchObject({ agentId: "agent-7", lastSeenAt: 5_000 });
    });

    it("removes one session, and the idle ones", async () => {
      const sessions = await fresh();
      const [a, b, c] = [id(), id(), id()];
      await sessions.create(record(a));
      await sessions.create(record(b, { lastSeenAt: 9_000 }));
      await sessions.create(record(c, { lastSeenAt: 2_000 }));
      expect(await sessions.remove(a)).toBe(true);
      expect(await sessions.remove(a)).toBe(false);
      expect(await sessions.removeIdle(5_000)).toBe(1);
      expect(await sessions.find(c)).toBeNull();
      expect(await sessions.find(b)).not.toBeNull();
    });
  });
}
