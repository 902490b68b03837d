import { verifyAuditChain } from "@mcp-coordinator/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AsWorld, startAsWorld } from "./as-harness.js";
import { signedInClient } from "./client.js";

let world: AsWorld;
beforeAll(async () => {
  world = await startAsWorld();
});
afterAll(() => world.close());

async function auditOf(orgId: string) {
  return world.store.transaction(async (tx) => ({
    records: await tx.audit.list(orgId, { afterSeq: 0, limit: 1_000 }),
    head: await tx.audit.head(orgId),
  }));
}

describe("the authorization server's audit records", () => {
  it("records each sign-in, revocation and logout with the change, on a chain that verifies", async () => {
    const before = (await auditOf("acme")).records.length;
    const a = await signedInClient(world);
    const b = await signedInClient(world);
    const familyOf = (token: string) =>
      JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString()).fam as string;

    const revoked = await fetch(`${world.origin}/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: a.tokens.refresh_token as string, client_id: a.clientId }),
    });
    expect(revoked.status).toBe(200);
    const everywhere = await fetch(`${world.origin}/oauth/logout-everywhere`, {
      method: "POST",
      headers: { authorization: `Bearer ${b.tokens.access_token as string}` },
    });
    expect(everywhere.status).toBe(200);

    const { records, head } = await auditOf("acme");
    const added = records.slice(before);
    expect(added.map((r) => [r.action, r.target])).toEqual([
      ["auth.signed_in", `family:${familyOf(a.tokens.access_token as string)}`],
      ["auth.signed_in", `family:${familyOf(b.tokens.access_token as string)}`],
      ["token.revoked", `family:${familyOf(a.tokens.access_token as string)}`],
      ["auth.signed_out", "user:dana@acme.test"],
    ]);
    expect(added[0]).toMatchObject({
      actorUserId: "dana@acme.test",
      details: { clientId: a.clientId, grant: "authorization_code" },
    });
    expect(added[2]?.details).toMatchObject({ reason: "revoked by the client" });
    expect(verifyAuditChain(records, head)).toMatchObject({ ok: true });
    // No credential reaches the audit log.
    const text = JSON.stringify(records);
    for (const secret of [a.tokens.access_token, a.tokens.refresh_token, b.tokens.refresh_token])
      expect(text).not.toContain(secret as string);
  });
});
