import type { McpSessionRecord, McpSessionStore } from "../ports/mcp-sessions.js";

/** One process's sessions: what a lone instance without a shared store uses, and the contract's reference. */
export class MemoryMcpSessions implements McpSessionStore {
  private readonly records = new Map<string, McpSessionRecord>();

  async create(record: McpSessionRecord): Promise<void> {
    if (this.records.has(record.sessionId))
      throw new Error(`MCP session ${record.sessionId} already exists.`);
    this.records.set(record.sessionId, { ...record });
  }

  async find(sessionId: string): Promise<McpSessionRecord | null> {
    const record = this.records.get(sessionId);
    return record ? { ...record } : null;
  }

  async bindAgent(sessionId: string, agentId: string): Promise<void> {
    const record = this.records.get(sessionId);
    if (record) this.records.set(sessionId, { ...record, agentId });
  }

  async touch(sessionId: string, at: number): Promise<void> {
    const record = this.records.get(sessionId);
    if (record && record.lastSeenAt < at) this.records.set(sessionId, { ...record, lastSeenAt: at });
  }

  async remove(sessionId: string): Promise<boolean> {
    return this.records.delete(sessionId);
  }

  async removeIdle(before: number): Promise<number> {
    let removed = 0;
    for (const [id, record] of this.records) {
      if (record.lastSeenAt < before) {
        this.records.delete(id);
        removed += 1;
      }
    }
    return removed;
  }
}
