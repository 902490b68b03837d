import { afterEach, describe, expect, it } from "vitest";
import type { ClusterLink } from "../ports/cluster.js";

export interface ClusterLinkContractOptions {
  /**
   * True when two links opened by `open` share one cluster (PostgreSQL): then exactly one of them leads
   * at a time and each sees the other's presence. False for single-process stores (SQLite, memory),
   * where every link leads and presence is per link.
   */
  readonly shared: boolean;
}

/**
 * What every ClusterLink must do. `open(instanceId)` opens a new link on the same store each time; the
 * suite closes what it opened.
 */
export function runClusterLinkContract(
  name: string,
  open: (instanceId: string) => Promise<ClusterLink>,
  options: ClusterLinkContractOptions,
): void {
  describe(`ClusterLink contract: ${name}`, () => {
    const opened: ClusterLink[] = [];
    const link = async (id: string) => {
      const made = await open(id);
      opened.push(made);
      return made;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((l) => l.close()));
    });

    it("a lone instance leads, names itself as the leader and as a peer, and resigns", async () => {
      const a = await link("inst-a");
      expect(a.instanceId).toBe("inst-a");
      expect(await a.acquire()).toBe(true);
      expect(await a.acquire()).toBe(true);
      expect(await a.leader()).toBe("inst-a");
      expect(await a.peers()).toContain("inst-a");
      await a.resign();
      expect(await a.leader()).toBeNull();
      expect(await a.acquire()).toBe(true);
    });

    it("presence is counted per hold and ends with the last release", async () => {
      const a = await link("inst-a");
      expect(await a.isHeld("acme", "alice")).toBe(false);
      await a.hold("acme", "alice");
      await a.hold("acme", "alice");
      expect(await a.isHeld("acme", "alice")).toBe(true);
      expect(await a.isHeld("acme", "bob")).toBe(false);
      expect(await a.isHeld("other", "alice")).toBe(false);
      await a.release("acme", "alice");
      expect(await a.isHeld("acme", "alice")).toBe(true);
      await a.release("acme", "alice");
      expect(await a.isHeld("acme", "alice")).toBe(false);
      // A release without a hold is harmless and does not go negative.
      await a.release("acme", "alice");
      await a.hold("acme", "alice");
      expect(await a.isHeld("acme", "alice")).toBe(true);
    });

    if (options.shared) {
      it("exactly one of two instances leads, and the other takes over once it resigns", async () => {
        const a = await link("inst-a");
        const b = await link("inst-b");
        const [ra, rb] = await Promise.all([a.acquire(), b.acquire()]);
        expect([ra, rb].filter(Boolean)).toHaveLength(1);
        const [leader, follower] = ra ? [a, b] : [b, a];
        expect(await follower.leader()).toBe(leader.instanceId);
        expect(await follower.acquire()).toBe(false);
        expect(await a.peers()).toEqual(expect.arrayContaining(["inst-a", "inst-b"]));
        await leader.resign();
        expect(await follower.acquire()).toBe(true);
        expect(await leader.acquire()).toBe(false);
        expect(await leader.leader()).toBe(follower.instanceId);
      });

      it("presence held by one instance is seen by the other, and disappears when it closes", async () => {
        const a = await link("inst-a");
        const b = await link("inst-b");
        await a.hold("acme", "alice");
        expect(await b.isHeld("acme", "alice")).toBe(true);
        await b.hold("acme", "alice");
        await a.release("acme", "alice");
        expect(await a.isHeld("acme", "alice")).toBe(true);
        await b.close();
        expect(await a.isHeld("acme", "alice")).toBe(false);
      });

      it("a closed leader hands leadership over", async () => {
        const a = await link("inst-a");
        const b = await link("inst-b");
        expect(await a.acquire()).toBe(true);
        expect(await b.acquire()).toBe(false);
        await a.close();
        expect(await b.acquire()).toBe(true);
        expect(await b.leader()).toBe("inst-b");
      });
    } else {
      it("every link of a single-process store leads on its own", async () => {
        const a = await link("inst-a");
        const b = await link("inst-b");
        expect(await a.acquire()).toBe(true);
        expect(await b.acquire()).toBe(true);
      });
    }
  });
}
