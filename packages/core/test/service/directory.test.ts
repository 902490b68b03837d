import { describe, expect, it } from "vitest";
import { createDirectory, type Revocation } from "../../src/index.js";
import { ManualClock, MemoryStore } from "../../src/testing/index.js";

const DAY = 86_400_000;
const hash = (c: string) => c.repeat(64);

function makeDirectory() {
  const store = new MemoryStore();
  const clock = new ManualClock();
  const revocations: Revocation[] = [];
  const directory = createDirectory({ store, clock, onRevoked: (r) => revocations.push(r) });
  return { store, clock, directory, revocations };
}

async function withMember(role: "admin" | "operator" | "agent" = "agent") {
  const d = makeDirectory();
  await d.directory.createOrg({ orgId: "acme", name: "Acme" });
  await d.directory.addMember({ orgId: "acme", userId: "dana", role });
  return d;
}

describe("directory: orgs and members", () => {
  it("creates orgs once, lists them by id, and refuses a duplicate or an invalid id", async () => {
    const { directory } = makeDirectory();
    await directory.createOrg({ orgId: "zeta" });
    await directory.createOrg({ orgId: "acme", name: "Acme Inc." });
    expect((await directory.listOrgs()).map((o) => [o.id, o.name])).toEqual([
      ["acme", "Acme Inc."],
      ["zeta", "zeta"],
    ]);
    await expect(directory.createOrg({ orgId: "acme" })).rejects.toMatchObject({
      code: "ORG_ALREADY_EXISTS",
    });
    await expect(directory.createOrg({ orgId: "Acme/#" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "org_id" },
    });
  });

  it("adds members only to an existing org, updates a role, lists and removes them", async () => {
    const { directory } = makeDirectory();
    await expect(
      directory.addMember({ orgId: "ghost", userId: "dana", role: "agent" }),
    ).rejects.toMatchObject({
      code: "ORG_NOT_FOUND",
      message: expect.stringContaining("org create ghost"),
    });
    await directory.createOrg({ orgId: "acme" });
    await directory.addMember({ orgId: "acme", userId: "dana", role: "agent" });
    await directory.addMember({ orgId: "acme", userId: "dana", role: "operator" });
    await expect(
      directory.addMember({ orgId: "acme", userId: "eve", role: "root" as "admin" }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { field: "role" } });
    expect(await directory.listMembers({ orgId: "acme" })).toMatchObject([
      { userId: "dana", role: "operator" },
    ]);
    await directory.removeMember({ orgId: "acme", userId: "dana" });
    expect(await directory.listMembers({ orgId: "acme" })).toEqual([]);
    await expect(directory.removeMember({ orgId: "acme", userId: "dana" })).rejects.toMatchObject({
      code: "MEMBER_NOT_FOUND",
    });
    await expect(directory.listMembers({ orgId: "ghost" })).rejects.toMatchObject({ code: "ORG_NOT_FOUND" });
  });
});

describe("directory: tokens", () => {
  it("records a member's token without its hash in answers, and refuses a non-member", async () => {
    const { directory, clock } = await withMember();
    const info = await directory.createToken({
      id: "jti-00000001",
      hash: hash("a"),
      orgId: "acme",
      kind: "user",
      userId: "dana",
      scopes: ["tools:call", "events:read", "tools:call"],
      expiresAt: clock.now() + DAY,
    });
    expect(info).not.toHaveProperty("hash");
    expect(info).toMatchObject({ userId: "dana", kind: "user", scopes: ["events:read", "tools:call"] });
    await expect(
      directory.createToken({
        id: "jti-00000002",
        hash: hash("b"),
        orgId: "acme",
        kind: "user",
        userId: "eve",
        expiresAt: clock.now() + DAY,
      }),
    ).rejects.toMatchObject({ code: "MEMBER_NOT_FOUND", message: expect.stringContaining("member add") });
  });

  it("enforces service-token rules: role, name, a reason of 10+ characters, at most 90 days", async () => {
    const { directory, clock } = await withMember("admin");
    const base = { id: "jti-svc-0001", hash: hash("c"), orgId: "acme", kind: "service" as const };
    const ok = {
      ...base,
      role: "agent" as const,
      name: "CI",
      reason: "nightly integration",
      expiresAt: clock.now() + DAY,
    };
    await expect(directory.createToken({ ...ok, role: null })).rejects.toMatchObject({
      details: { field: "role" },
    });
    await expect(directory.createToken({ ...ok, reason: "short" })).rejects.toMatchObject({
      details: { field: "reason" },
    });
    await expect(directory.createToken({ ...ok, expiresAt: clock.now() + 91 * DAY })).rejects.toMatchObject({
      details: { field: "ttl" },
    });
    const info = await directory.createToken(ok);
    expect(info.userId).toBe("service:jti-svc-0001");
  });

  it("refuses malformed ids, hashes, lifetimes, scopes and unknown orgs", async () => {
    const { directory, clock } = await withMember();
    const ok = {
      id: "jti-00000003",
      hash: hash("d"),
      orgId: "acme",
      kind: "user" as const,
      userId: "dana",
      expiresAt: clock.now() + DAY,
    };
    for (const [patch, field] of [
      [{ id: "short" }, "id"],
      [{ hash: "xyz" }, "hash"],
      [{ expiresAt: clock.now() }, "ttl"],
      [{ expiresAt: clock.now() + 400 * DAY }, "ttl"],
      [{ scopes: ["Bad Scope"] }, "scopes"],
      [{ agentId: "a/b" }, "agent_id"],
    ] as const) {
      await expect(directory.createToken({ ...ok, ...patch })).rejects.toMatchObject({ details: { field } });
    }
    await expect(directory.createToken({ ...ok, orgId: "ghost" })).rejects.toMatchObject({
      code: "ORG_NOT_FOUND",
    });
  });

  it("revokes a token once, tells the listener, and lists revoked tokens only on request", async () => {
    const { directory, clock, revocations } = await withMember();
    await directory.createToken({
      id: "jti-00000004",
      hash: hash("e"),
      orgId: "acme",
      kind: "user",
      userId: "dana",
      expiresAt: clock.now() + DAY,
    });
    clock.advance(1_000);
    const first = await directory.revokeToken({ orgId: "acme", tokenId: "jti-00000004" });
    clock.advance(1_000);
    const second = await directory.revokeToken({ orgId: "acme", tokenId: "jti-00000004" });
    expect(second.revokedAt).toBe(first.revokedAt);
    expect(revocations).toEqual([
      { orgId: "acme", userId: null, tokenIds: ["jti-00000004"], reason: "token_revoked" },
    ]);
    expect(await directory.listTokens({ orgId: "acme" })).toEqual([]);
    expect(await directory.listTokens({ orgId: "acme", includeRevoked: true })).toHaveLength(1);
    await expect(directory.revokeToken({ orgId: "acme", tokenId: "nope" })).rejects.toMatchObject({
      code: "TOKEN_NOT_FOUND",
    });
    await expect(directory.listTokens({ orgId: "ghost" })).rejects.toMatchObject({ code: "ORG_NOT_FOUND" });
  });

  it("revokes a removed member's live tokens and tells the listener", async () => {
    const { directory, clock, revocations } = await withMember();
    for (const [id, c] of [
      ["jti-00000005", "1"],
      ["jti-00000006", "2"],
    ] as const) {
      await directory.createToken({
        id,
        hash: hash(c),
        orgId: "acme",
        kind: "user",
        userId: "dana",
        expiresAt: clock.now() + DAY,
      });
    }
    const { revokedTokenIds } = await directory.removeMember({ orgId: "acme", userId: "dana" });
    expect(revokedTokenIds).toEqual(["jti-00000005", "jti-00000006"]);
    expect(revocations).toEqual([
      { orgId: "acme", userId: "dana", tokenIds: ["jti-00000005", "jti-00000006"], reason: "member_removed" },
    ]);
  });
});

describe("directory: checking a presented token", () => {
  it("answers the principal with the membership's role, capped by the token's, and throttles last use", async () => {
    const { directory, clock, store } = await withMember("operator");
    await directory.createToken({
      id: "jti-00000007",
      hash: hash("7"),
      orgId: "acme",
      kind: "user",
      userId: "dana",
      agentId: "wt-1",
      expiresAt: clock.now() + DAY,
    });
    await directory.createToken({
      id: "jti-00000008",
      hash: hash("8"),
      orgId: "acme",
      kind: "user",
      userId: "dana",
      role: "agent",
      expiresAt: clock.now() + DAY,
    });
    await directory.createToken({
      id: "jti-00000009",
      hash: hash("9"),
      orgId: "acme",
      kind: "user",
      userId: "dana",
      role: "admin",
      expiresAt: clock.now() + DAY,
    });
    expect(await directory.checkToken(hash("7"))).toMatchObject({
      ok: true,
      principal: { userId: "dana", orgId: "acme", role: "operator", agentId: "wt-1" },
      token: { lastUsedAt: clock.now() },
    });
    expect(await directory.checkToken(hash("8"))).toMatchObject({ principal: { role: "agent" } });
    expect(await directory.checkToken(hash("9"))).toMatchObject({ principal: { role: "operator" } });
    const usedAt = clock.now();
    clock.advance(30_000);
    await directory.checkToken(hash("7"));
    expect((await store.transaction((tx) => tx.getToken("acme", "jti-00000007")))?.lastUsedAt).toBe(usedAt);
    clock.advance(30_000);
    await directory.checkToken(hash("7"));
    expect((await store.transaction((tx) => tx.getToken("acme", "jti-00000007")))?.lastUsedAt).toBe(
      clock.now(),
    );
  });

  it("refuses an unknown, revoked or expired token and one whose holder left the org", async () => {
    const { directory, clock } = await withMember();
    expect(await directory.checkToken(hash("0"))).toEqual({
      ok: false,
      reason: "unknown_token",
      token: null,
    });
    await directory.createToken({
      id: "jti-0000000a",
      hash: hash("a"),
      orgId: "acme",
      kind: "user",
      userId: "dana",
      expiresAt: clock.now() + 1_000,
    });
    clock.advance(1_000);
    expect(await directory.checkToken(hash("a"))).toMatchObject({ ok: false, reason: "expired" });
    await directory.createToken({
      id: "jti-0000000b",
      hash: hash("b"),
      orgId: "acme",
      kind: "user",
      userId: "dana",
      expiresAt: clock.now() + DAY,
    });
    await directory.revokeToken({ orgId: "acme", tokenId: "jti-0000000b" });
    expect(await directory.checkToken(hash("b"))).toMatchObject({ ok: false, reason: "revoked" });
    await directory.createToken({
      id: "jti-0000000c",
      hash: hash("c"),
      orgId: "acme",
      kind: "user",
      userId: "dana",
      expiresAt: clock.now() + DAY,
    });
    await directory.addMember({ orgId: "acme", userId: "eve", role: "admin" });
    await directory.createToken({
      id: "jti-0000000e",
      hash: hash("e"),
      orgId: "acme",
      kind: "user",
      userId: "eve",
      expiresAt: clock.now() + DAY,
    });
    await directory.removeMember({ orgId: "acme", userId: "eve" });
    expect(await directory.checkToken(hash("e"))).toMatchObject({ ok: false, reason: "revoked" });
    // A membership removed behind the directory's back (another instance, a manual fix) still counts.
    await directory.createToken({
      id: "jti-0000000d",
      hash: hash("d"),
      orgId: "acme",
      kind: "user",
      userId: "dana",
      expiresAt: clock.now() + DAY,
    });
    expect((await directory.checkToken(hash("d"))).ok).toBe(true);
  });

  it("gives a service token its own subject and fixed role, with no membership needed", async () => {
    const { directory, clock } = await withMember();
    await directory.createToken({
      id: "jti-svc-0002",
      hash: hash("f"),
      orgId: "acme",
      kind: "service",
      role: "operator",
      name: "CI",
      reason: "nightly integration",
      expiresAt: clock.now() + DAY,
    });
    expect(await directory.checkToken(hash("f"))).toMatchObject({
      ok: true,
      principal: { userId: "service:jti-svc-0002", orgId: "acme", role: "operator", agentId: null },
    });
  });
});

describe("directory: agent owners", () => {
  it("tells who owns an agent id, null when nobody does", async () => {
    const { directory, store } = makeDirectory();
    await store.transaction((tx) =>
      tx.claimAgentOwner({ orgId: "acme", agentId: "wt-1", ownerUserId: "dana", createdAt: 1 }),
    );
    expect(await directory.agentOwner({ orgId: "acme", agentId: "wt-1" })).toMatchObject({
      ownerUserId: "dana",
    });
    expect(await directory.agentOwner({ orgId: "acme", agentId: "wt-2" })).toBeNull();
  });
});
