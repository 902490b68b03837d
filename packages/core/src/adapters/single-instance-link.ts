import type { ClusterLink } from "../ports/cluster.js";

/**
 * The cluster link of a store only one process can use (SQLite, memory): this instance leads whenever
 * it asks to, and presence is a per-process count of live sessions per agent. No I/O.
 */
export function singleInstanceLink(instanceId: string): ClusterLink {
  const held = new Map<string, number>();
  const keyOf = (orgId: string, agentId: string) => `${orgId}\u0000${agentId}`;
  let leading = false;
  return {
    instanceId,
    async acquire() {
      leading = true;
      return true;
    },
    async resign() {
      leading = false;
    },
    async leader() {
      return leading ? instanceId : null;
    },
    async peers() {
      return [instanceId];
    },
    async hold(orgId, agentId) {
      const key = keyOf(orgId, agentId);
      held.set(key, (held.get(key) ?? 0) + 1);
    },
    async release(orgId, agentId) {
      const key = keyOf(orgId, agentId);
      const count = (held.get(key) ?? 0) - 1;
      if (count > 0) held.set(key, count);
      else held.delete(key);
    },
    async isHeld(orgId, agentId) {
      return held.has(keyOf(orgId, agentId));
    },
    async close() {
      leading = false;
      held.clear();
    },
  };
}
