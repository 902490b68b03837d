import { describe, expect, it } from "vitest";
import { createDirectory, verifyAuditChain } from "../../src/index.js";
import { ManualClock, MemoryStore } from "../../src/testing/index.js";

const DAY = 86_400_000;

describe("directory: audit records", () => {
  it("records org, member, role and token changes in their own transaction, naming the admin", async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const directory = createDirectory({ store, clock, actorUserId: "admin:root" });
    await directory.createOrg({ orgId: "acme" });
    await directory.addMember({ orgId: "acme", userId: "dana", role: "agent" });
    await directory.addMember({ orgId: "acme", userId: "dana", role: "agent" });
    await directory.addMember({ orgId: "acme", userId: "dana", role: "operator" });
    await directory.createToken({
      orgId: "acme",
      id: "tok-00000001",
      hash: "a".repeat(64),
      kind: "user",
      userId: "dana",
      expiresAt: clock.now() + DAY,
    });
    await directory.revokeToken({ orgId: "acme", tokenId: "tok-00000001" });
    await directory.revokeToken({ orgId: "acme", tokenId: "tok-00000001" });
    await directory.removeMember({ orgId: "acme", userId: "dana" });
    // A refused change leaves no record.
    await expect(directory.createOrg({ orgId: "acme" })).rejects.toMatchObject({
      code: "ORG_ALREADY_EXISTS",
    });

    const { records, head } = await store.transaction(async (tx) => ({
      records: await tx.audit.list("acme", { afterSeq: 0, limit: 50 }),
      head: await tx.audit.head("acme"),
    }));
    expect(records.map((r) => [r.action, r.target])).toEqual([
      ["org.created", "org:acme"],
      ["member.added", "user:dana"],
      ["member.role_changed", "user:dana"],
      ["token.created", "token:tok-00000001"],
      ["token.revoked", "token:tok-00000001"],
      ["member.removed", "user:dana"],
    ]);
    expect(records.every((r) => r.actorUserId === "admin:root")).toBe(true);
    expect(records[2]?.details).toEqual({ from: "agent", to: "operator" });
    expect(JSON.stringify(records)).not.toContain("a".repeat(64));
    expect(verifyAuditChain(records, head)).toMatchObject({ ok: true, records: 6 });
  });
});
