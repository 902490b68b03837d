import { describe, expect, it } from "vitest";
import type { AuditEntry, AuditRecord } from "../../model/audit.js";
import { hashAuditRecord } from "./hash-audit-record.js";
import { sealAuditEntries } from "./seal-audit-entries.js";
import { verifyAuditChain } from "./verify-audit-chain.js";

const entry = (i: number): AuditEntry => ({
  orgId: "default",
  at: 1_000 + i,
  action: "token.created",
  target: `token:t${i}`,
  actorUserId: "alice",
  actorAgentId: null,
  requestId: null,
  details: { i },
});

const chain = (n: number) =>
  sealAuditEntries(
    null,
    Array.from({ length: n }, (_, i) => entry(i)),
  );
const headOf = (records: readonly AuditRecord[]) => {
  const last = records[records.length - 1] as AuditRecord;
  return { seq: last.seq, hash: last.hash };
};

describe("verifyAuditChain", () => {
  it("accepts an intact chain and an empty one", () => {
    const records = chain(5);
    expect(verifyAuditChain(records, headOf(records))).toEqual({
      ok: true,
      records: 5,
      firstSeq: 1,
      lastSeq: 5,
    });
    expect(verifyAuditChain([], null)).toMatchObject({ ok: true, records: 0 });
  });

  it("names an edited record", () => {
    const records = chain(5);
    const head = headOf(records);
    records[2] = { ...(records[2] as AuditRecord), target: "token:forged" };
    expect(verifyAuditChain(records, head)).toMatchObject({ ok: false, broken: { kind: "edited", seq: 3 } });
  });

  it("names an edited record whose hash was rewritten to match", () => {
    const records = chain(5);
    const head = headOf(records);
    const forged = { ...(records[1] as AuditRecord), actorUserId: "mallory" };
    records[1] = { ...forged, hash: hashAuditRecord(forged, forged.seq, forged.prevHash) };
    expect(verifyAuditChain(records, head)).toMatchObject({ ok: false, broken: { kind: "edited", seq: 2 } });
  });

  it("names a deleted record, and deleted newest records", () => {
    const records = chain(5);
    const head = headOf(records);
    expect(verifyAuditChain([...records.slice(0, 2), ...records.slice(3)], head)).toMatchObject({
      ok: false,
      broken: { kind: "deleted", seq: 3 },
    });
    expect(verifyAuditChain(records.slice(0, 3), head)).toMatchObject({
      ok: false,
      broken: { kind: "deleted", seq: 4 },
    });
    expect(verifyAuditChain(records.slice(2), head)).toMatchObject({
      ok: false,
      broken: { kind: "deleted", seq: 1 },
    });
  });

  it("names a reordered record (two records' positions swapped)", () => {
    const records = chain(5);
    const head = headOf(records);
    const third = records[2] as AuditRecord;
    const fourth = records[3] as AuditRecord;
    const swapped = [...records];
    swapped[2] = { ...fourth, seq: 3 };
    swapped[3] = { ...third, seq: 4 };
    expect(verifyAuditChain(swapped, head)).toMatchObject({
      ok: false,
      broken: { kind: "reordered", seq: 3 },
    });
  });

  it("accepts a pruned chain that starts where its checkpoint says", () => {
    const records = chain(4);
    const pruned = records[1] as AuditRecord;
    const checkpoint = sealAuditEntries(headOf(records), [
      { ...entry(9), action: "audit.checkpoint", details: { throughSeq: 2, throughHash: pruned.hash } },
    ]);
    const kept = [...records.slice(2), ...checkpoint];
    expect(verifyAuditChain(kept, headOf(kept))).toMatchObject({ ok: true, firstSeq: 3, lastSeq: 5 });
    const forgedCheckpoint = [...records.slice(3), ...checkpoint];
    expect(verifyAuditChain(forgedCheckpoint, headOf(kept))).toMatchObject({
      ok: false,
      broken: { kind: "deleted", seq: 3 },
    });
  });
});
