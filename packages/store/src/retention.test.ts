import { describe, expect, it } from "vitest";
import { isStoreError } from "./errors.js";
import { createRetentionSweeper, type RetentionKind, type RetentionTarget } from "./retention.js";

function fakeTarget(rows: Record<RetentionKind, number>) {
  const calls: { kind: RetentionKind; before: number; limit: number }[] = [];
  const target: RetentionTarget = {
    async pruneBatch(kind, before, limit) {
      calls.push({ kind, before, limit });
      const n = Math.min(rows[kind], limit);
      rows[kind] -= n;
      return n;
    },
  };
  return { target, calls };
}

/** Nothing to prune of any kind; tests spread it and set the kinds they care about. */
function noRows(): Record<RetentionKind, number> {
  return { fileActivity: 0, events: 0, messages: 0, inbox: 0, announcements: 0, threads: 0, agents: 0 };
}

describe("retention sweeper", () => {
  it("deletes in bounded batches until a short batch, per kind, with each kind's window", async () => {
    const { target, calls } = fakeTarget({ ...noRows(), fileActivity: 25, messages: 10, inbox: 3 });
    const sweeper = createRetentionSweeper({
      target,
      batchSize: 10,
      now: () => 1_000_000,
      windows: { fileActivityMs: 1_000, eventsMs: 2_000, messagesMs: 3_000, inboxMs: null },
    });
    const report = await sweeper.sweep();
    expect(report.deleted).toEqual({
      fileActivity: 25,
      events: 0,
      messages: 10,
      inbox: 0,
      announcements: 0,
      threads: 0,
      agents: 0,
    });
    expect(report.truncated).toBe(false);
    expect(calls.every((c) => c.limit === 10)).toBe(true);
    expect(calls.filter((c) => c.kind === "fileActivity")).toHaveLength(3);
    expect(calls.find((c) => c.kind === "events")?.before).toBe(998_000);
    expect(calls.some((c) => c.kind === "inbox")).toBe(false);
  });

  it("stops a kind after maxBatchesPerSweep and says there is more", async () => {
    const { target } = fakeTarget({ ...noRows(), fileActivity: 1_000 });
    const sweeper = createRetentionSweeper({ target, batchSize: 10, maxBatchesPerSweep: 3 });
    const report = await sweeper.sweep();
    expect(report.deleted.fileActivity).toBe(30);
    expect(report.truncated).toBe(true);
  });

  it("runs one sweep at a time", async () => {
    const { target, calls } = fakeTarget(noRows());
    const sweeper = createRetentionSweeper({ target });
    await Promise.all([sweeper.sweep(), sweeper.sweep()]);
    expect(calls).toHaveLength(7);
    sweeper.start();
    await sweeper.stop();
  });

  it("refuses malformed options with a typed error", () => {
    const { target } = fakeTarget(noRows());
    const attempts = [
      () => createRetentionSweeper({ target: {} as RetentionTarget }),
      () => createRetentionSweeper({ target, batchSize: 0 }),
      () => createRetentionSweeper({ target, windows: { fileActivityMs: -5 } }),
      () => createRetentionSweeper({ target, windows: { usersMs: 5 } as never }),
    ];
    for (const attempt of attempts) {
      try {
        attempt();
        expect.unreachable();
      } catch (error) {
        expect(isStoreError(error) && error.code).toBe("STORE_OPTIONS_INVALID");
      }
    }
  });
});

describe("retention sweeper under a leader lease", () => {
  it("prunes on its timer only while the lease says this instance leads", async () => {
    const rows = { ...noRows(), fileActivity: 5 };
    const { target, calls } = fakeTarget(rows);
    let leads = false;
    const sweeper = createRetentionSweeper({ target, intervalMs: 1_000, lead: async () => leads });
    sweeper.start();
    await new Promise((r) => setTimeout(r, 1_300));
    expect(calls).toHaveLength(0);
    leads = true;
    await new Promise((r) => setTimeout(r, 1_000));
    await sweeper.stop();
    expect(calls.length).toBeGreaterThan(0);
    expect(rows.fileActivity).toBe(0);
  });
});
