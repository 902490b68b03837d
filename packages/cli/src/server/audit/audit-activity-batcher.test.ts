import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyAuditChain } from "@mcp-coordinator/core";
import { auditEntryFixture, ManualClock } from "@mcp-coordinator/core/testing";
import { createSqliteStore } from "@mcp-coordinator/store/sqlite";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { AuditActivityBatcher } from "./audit-activity-batcher.js";

const activity = (at: number) => auditEntryFixture({ action: "activity.file", target: `src/f${at}.ts`, at });

describe("AuditActivityBatcher", () => {
  it("writes batches into the chain, counts what it had to drop and records the loss in the chain", async () => {
    const store = await createSqliteStore({
      path: join(mkdtempSync(join(tmpdir(), "audit-batcher-")), "c.db"),
    });
    const batcher = new AuditActivityBatcher({
      store,
      clock: new ManualClock(),
      log: pino({ level: "silent" }),
      flushIntervalMs: 60_000,
      maxBuffered: 3,
    });
    batcher.record([1, 2, 3, 4, 5].map(activity));
    expect(batcher.stats()).toEqual({ buffered: 3, written: 0, lost: 2 });
    await batcher.flush();
    expect(batcher.stats()).toEqual({ buffered: 0, written: 3, lost: 2 });
    const { records, head } = await store.transaction(async (tx) => ({
      records: await tx.audit.list("default", { afterSeq: 0, limit: 10 }),
      head: await tx.audit.head("default"),
    }));
    expect(records.map((r) => r.action)).toEqual([
      "audit.activity_lost",
      "activity.file",
      "activity.file",
      "activity.file",
    ]);
    expect(records[0]?.details).toEqual({ lost: 2 });
    expect(verifyAuditChain(records, head)).toMatchObject({ ok: true });

    // A store that fails the write: the batch is counted as lost, nothing throws.
    await store.close();
    batcher.record([activity(6)]);
    await batcher.close();
    expect(batcher.stats()).toEqual({ buffered: 0, written: 3, lost: 3 });
  });
});
