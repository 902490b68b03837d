import { describe, expect, it } from "vitest";
import type { Store } from "../ports/store.js";
import { agentFixture, tokenFixture } from "./fixtures.js";

/** The identity model's part of the Store contract (orgs, users, memberships, tokens, agent owners). */
export function identityContract(store: () => Store): void {
  describe("identity model", () => {
    it("inserts an org once, lists orgs by id and answers null for an unknown one", async () => {
      const s = store();
      expect(await s.transaction((tx) => tx.insertOrg({ id: "zeta", name: "Zeta", createdAt: 1 }))).toBe(
        true,
      );
      expect(await s.transaction((tx) => tx.insertOrg({ id: "acme", name: "Acme", createdAt: 2 }))).toBe(
        true,
      );
      expect(await s.transaction((tx) => tx.insertOrg({ id: "acme", name: "Other", createdAt: 3 }))).toBe(
        false,
      );
      expect(await s.transaction((tx) => tx.listOrgs())).toEqual([
        { id: "acme", name: "Acme", createdAt: 2 },
        { id: "zeta", name: "Zeta", createdAt: 1 },
      ]);
      expect(await s.transaction((tx) => tx.getOrg("nope"))).toBeNull();
    });

    it("upserts users and memberships, lists members by user id, deletes a membership once", async () => {
      const s = store();
      await s.transaction(async (tx) => {
        await tx.insertOrg({ id: "acme", name: "Acme", createdAt: 1 });
        await tx.putUser({ orgId: "acme", id: "dana@acme.test", name: "Dana", createdAt: 1 });
        await tx.putUser({ orgId: "acme", id: "dana@acme.test", name: "Dana R.", createdAt: 1 });
        await tx.putUser({ orgId: "other", id: "dana@acme.test", name: "D", createdAt: 3 });
        await tx.putMembership({ orgId: "acme", userId: "zed", role: "agent", createdAt: 2 });
        await tx.putMembership({ orgId: "acme", userId: "dana@acme.test", role: "agent", createdAt: 2 });
        await tx.putMembership({ orgId: "acme", userId: "dana@acme.test", role: "admin", createdAt: 2 });
        await tx.putMembership({ orgId: "other", userId: "dana@acme.test", role: "agent", createdAt: 2 });
      });
      expect(await s.transaction((tx) => tx.getUser("other", "zed"))).toBeNull();
      expect(await s.transaction((tx) => tx.getUser("acme", "dana@acme.test"))).toEqual({
        orgId: "acme",
        id: "dana@acme.test",
        name: "Dana R.",
        createdAt: 1,
      });
      const members = await s.transaction((tx) => tx.listMemberships("acme"));
      expect(members.map((m) => [m.userId, m.role])).toEqual([
        ["dana@acme.test", "admin"],
        ["zed", "agent"],
      ]);
      expect(await s.transaction((tx) => tx.deleteMembership("acme", "zed"))).toBe(true);
      expect(await s.transaction((tx) => tx.deleteMembership("acme", "zed"))).toBe(false);
      expect(await s.transaction((tx) => tx.getMembership("acme", "zed"))).toBeNull();
      expect(await s.transaction((tx) => tx.getMembership("other", "dana@acme.test"))).toMatchObject({
        role: "agent",
      });
    });

    it("round-trips a token, finds it by hash in any org, lists and patches it per org", async () => {
      const s = store();
      const service = tokenFixture({
        id: "tok-service-1",
        orgId: "acme",
        userId: "service:tok-service-1",
        kind: "service",
        hash: "b".repeat(64),
        role: "operator",
        agentId: "ci-bot",
        scopes: ["events:read", "tools:call"],
        name: "CI",
        reason: "nightly integration runs",
        createdAt: 5,
      });
      const user = tokenFixture({ id: "tok-user-1", orgId: "acme", hash: "c".repeat(64), createdAt: 3 });
      const foreign = tokenFixture({ id: "tok-user-2", orgId: "other", hash: "d".repeat(64) });
      await s.transaction(async (tx) => {
        await tx.insertToken(service);
        await tx.insertToken(user);
        await tx.insertToken(foreign);
      });
      expect(await s.transaction((tx) => tx.getTokenByHash("b".repeat(64)))).toEqual(service);
      expect(await s.transaction((tx) => tx.getTokenByHash("e".repeat(64)))).toBeNull();
      expect(await s.transaction((tx) => tx.getToken("other", "tok-user-1"))).toBeNull();
      expect((await s.transaction((tx) => tx.listTokens("acme"))).map((t) => t.id)).toEqual([
        "tok-user-1",
        "tok-service-1",
      ]);
      expect(
        (await s.transaction((tx) => tx.listTokens("acme", { userId: "dana" }))).map((t) => t.id),
      ).toEqual(["tok-user-1"]);
      const used = await s.transaction((tx) => tx.updateToken("acme", "tok-user-1", { lastUsedAt: 50 }));
      expect(used).toEqual({ ...user, lastUsedAt: 50 });
      const revoked = await s.transaction((tx) => tx.updateToken("acme", "tok-user-1", { revokedAt: 60 }));
      expect(revoked).toEqual({ ...user, lastUsedAt: 50, revokedAt: 60 });
      expect((await s.transaction((tx) => tx.listTokens("acme"))).map((t) => t.id)).toEqual([
        "tok-service-1",
      ]);
      expect(
        (await s.transaction((tx) => tx.listTokens("acme", { includeRevoked: true }))).map((t) => t.id),
      ).toEqual(["tok-user-1", "tok-service-1"]);
      expect(await s.transaction((tx) => tx.updateToken("other", "tok-user-1", { revokedAt: 1 }))).toBeNull();
    });

    it("refuses a second token with the same hash", async () => {
      const s = store();
      await s.transaction((tx) => tx.insertToken(tokenFixture({ id: "tok-a-0001", hash: "f".repeat(64) })));
      await expect(
        s.transaction((tx) => tx.insertToken(tokenFixture({ id: "tok-b-0002", hash: "f".repeat(64) }))),
      ).rejects.toThrow();
    });

    it("keeps the first owner of an agent id per org and rolls a claim back with its transaction", async () => {
      const s = store();
      const first = { orgId: "acme", agentId: "repo-wt-1", ownerUserId: "dana", createdAt: 1 };
      expect(await s.transaction((tx) => tx.claimAgentOwner(first))).toEqual(first);
      expect(
        await s.transaction((tx) => tx.claimAgentOwner({ ...first, ownerUserId: "eve", createdAt: 2 })),
      ).toEqual(first);
      expect(await s.transaction((tx) => tx.getAgentOwner("other", "repo-wt-1"))).toBeNull();
      await expect(
        s.transaction(async (tx) => {
          await tx.claimAgentOwner({ ...first, agentId: "repo-wt-2" });
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await s.transaction((tx) => tx.getAgentOwner("acme", "repo-wt-2"))).toBeNull();
    });

    it("answers an agent's owner after reading the agent, and after claiming it in the same transaction", async () => {
      const s = store();
      await s.transaction(async (tx) => {
        await tx.putAgent(agentFixture({ id: "owned", orgId: "acme" }));
        await tx.putAgent(agentFixture({ id: "free", orgId: "acme" }));
        await tx.claimAgentOwner({ orgId: "acme", agentId: "owned", ownerUserId: "dana", createdAt: 1 });
      });
      const seen = await s.transaction(async (tx) => {
        await tx.getAgent("acme", "owned");
        await tx.getAgent("acme", "free");
        const owned = await tx.getAgentOwner("acme", "owned");
        const before = await tx.getAgentOwner("acme", "free");
        const claimed = await tx.claimAgentOwner({
          orgId: "acme",
          agentId: "free",
          ownerUserId: "eve",
          createdAt: 2,
        });
        const after = await tx.getAgentOwner("acme", "free");
        return { owned, before, claimed, after };
      });
      expect(seen.owned?.ownerUserId).toBe("dana");
      expect(seen.before).toBeNull();
      expect(seen.claimed.ownerUserId).toBe("eve");
      expect(seen.after?.ownerUserId).toBe("eve");
    });

    it("gives an agent id exactly one owner when first registrations race", async () => {
      const s = store();
      const owners = await Promise.all(
        ["u1", "u2", "u3", "u4"].map((user) =>
          s.transaction((tx) =>
            tx.claimAgentOwner({ orgId: "acme", agentId: "shared", ownerUserId: user, createdAt: 1 }),
          ),
        ),
      );
      expect(new Set(owners.map((o) => o.ownerUserId)).size).toBe(1);
    });
  });
}
