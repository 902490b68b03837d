import { describe, expect, it } from "vitest";
import type { SequencedEvent } from "../../src/events.js";
import { createCoordinator, QuotaReadError, type QuotaReading, type QuotaSource } from "../../src/index.js";
import { ManualClock, MemoryEventBus, MemoryStore, SequentialIds } from "../../src/testing/index.js";

/** A source that answers what the test queues, and counts how often it was asked. */
function scriptedSource(...answers: Array<QuotaReading | QuotaReadError>) {
  let calls = 0;
  const source: QuotaSource = {
    kind: "claude_subscription",
    read: async () => {
      calls += 1;
      const next = answers.shift();
      if (next === undefined) throw new Error("no scripted answer left");
      if (next instanceof QuotaReadError) throw next;
      return next;
    },
  };
  return { source, calls: () => calls };
}

const reading = (fiveHour: number, sevenDay: number): QuotaReading => ({
  source: "claude_subscription",
  windows: [
    { name: "five_hour", utilizationPct: fiveHour, resetsAt: 5_000_000, limit: null, remaining: null },
    { name: "seven_day", utilizationPct: sevenDay, resetsAt: 9_000_000, limit: null, remaining: null },
  ],
});

function tracked(source: QuotaSource | null, maxQuotaPct = 95) {
  const clock = new ManualClock();
  const bus = new MemoryEventBus();
  const events: SequencedEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const coordinator = createCoordinator({
    store: new MemoryStore(),
    bus,
    clock,
    ids: new SequentialIds(),
    quota: source,
    config: { maxQuotaPct },
  });
  return { coordinator, clock, events, scope: { orgId: "default" } };
}

describe("quota pre-flight", () => {
  it("is disabled without a source, and refreshing asks nobody", async () => {
    const t = tracked(null);
    expect(t.coordinator.quotaStatus(t.scope)).toMatchObject({ enabled: false, utilizationPct: null });
    expect(await t.coordinator.refreshQuota(t.scope)).toMatchObject({ enabled: false });
    expect(t.events).toEqual([]);
  });

  it("reads the windows, flags the fullest one against MAX_QUOTA_PCT and publishes quota.updated", async () => {
    const s = scriptedSource(reading(40, 96.5));
    const t = tracked(s.source);
    const status = await t.coordinator.refreshQuota(t.scope);
    expect(status).toMatchObject({
      enabled: true,
      source: "claude_subscription",
      utilizationPct: 96.5,
      maxPct: 95,
      overLimit: true,
      error: null,
    });
    await expect(t.coordinator.coordinatorStatus(t.scope)).resolves.toMatchObject({
      quota: { overLimit: true },
    });
    const updated = t.events.filter((e) => e.type === "quota.updated");
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({
      orgId: "default",
      actorId: null,
      utilizationPct: 96.5,
      overLimit: true,
    });
  });

  it("backs off after a 429 for at least Retry-After, keeping the last windows", async () => {
    const s = scriptedSource(
      reading(10, 20),
      new QuotaReadError("QUOTA_RATE_LIMITED", "usage endpoint answered 429", 300_000),
      reading(11, 21),
    );
    const t = tracked(s.source);
    await t.coordinator.refreshQuota(t.scope);
    t.clock.advance(1_000);
    const limited = await t.coordinator.refreshQuota(t.scope);
    expect(limited).toMatchObject({ utilizationPct: 20, error: "usage endpoint answered 429" });
    expect(limited.backoffUntil).toBe(t.clock.now() + 300_000);
    t.clock.advance(299_000);
    await t.coordinator.refreshQuota(t.scope);
    expect(s.calls()).toBe(2);
    t.clock.advance(1_000);
    expect(await t.coordinator.refreshQuota(t.scope)).toMatchObject({
      utilizationPct: 21,
      error: null,
      backoffUntil: null,
    });
    expect(s.calls()).toBe(3);
  });

  it("doubles the back-off on failures in a row when the provider gives no Retry-After", async () => {
    const down = () => new QuotaReadError("QUOTA_UNAVAILABLE", "connection refused");
    const s = scriptedSource(down(), down(), down());
    const t = tracked(s.source);
    const waits: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const status = await t.coordinator.refreshQuota(t.scope);
      waits.push((status.backoffUntil ?? 0) - t.clock.now());
      t.clock.advance(waits[i] ?? 0);
    }
    expect(waits).toEqual([60_000, 120_000, 240_000]);
  });

  it("shares one read between concurrent refreshes", async () => {
    const s = scriptedSource(reading(1, 2));
    const t = tracked(s.source);
    await Promise.all([t.coordinator.refreshQuota(t.scope), t.coordinator.refreshQuota(t.scope)]);
    expect(s.calls()).toBe(1);
  });

  it("shows another org a disabled quota and never reads for it", async () => {
    const s = scriptedSource(reading(50, 50));
    const t = tracked(s.source);
    await t.coordinator.refreshQuota(t.scope);
    const other = { orgId: "globex" };
    expect(t.coordinator.quotaStatus(other)).toMatchObject({
      enabled: false,
      windows: [],
      utilizationPct: null,
    });
    expect(await t.coordinator.refreshQuota(other)).toMatchObject({ enabled: false });
    expect(s.calls()).toBe(1);
  });
});
