import type { AuditActivitySink, AuditEntry, Clock, Store } from "@mcp-coordinator/core";
import type { Logger } from "pino";

export interface AuditActivityBatcherOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
  /** How often buffered records are written; default 1000 ms. */
  readonly flushIntervalMs?: number;
  /** A flush starts early once this many wait; default 500. */
  readonly batchSize?: number;
  /** Records beyond this many waiting are dropped and counted (a stalled store must not eat memory). */
  readonly maxBuffered?: number;
}

export interface AuditActivityStats {
  readonly buffered: number;
  readonly written: number;
  /** Records lost since start (buffer full or a failed write); also recorded in the chain. */
  readonly lost: number;
}

/**
 * The batched audit tier. Announces and file activity are handed over after their commit and written in
 * batches in their own transactions, so the hot path never waits on them. Whatever cannot be written
 * (the buffer is full, a write fails) is counted, reported in /health, and written into each org's
 * chain as `audit.activity_lost` with the next batch that succeeds, so `audit verify` shows it too.
 */
export class AuditActivityBatcher implements AuditActivitySink {
  private buffer: AuditEntry[] = [];
  private readonly unreportedLost = new Map<string, number>();
  private written = 0;
  private lost = 0;
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly batchSize: number;
  private readonly maxBuffered: number;

  constructor(private readonly options: AuditActivityBatcherOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.maxBuffered = options.maxBuffered ?? 20_000;
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1_000);
    this.timer.unref();
  }

  record(entries: readonly AuditEntry[]): void {
    for (const entry of entries) {
      if (this.buffer.length >= this.maxBuffered) this.countLost(entry.orgId, 1);
      else this.buffer.push(entry);
    }
    if (this.buffer.length >= this.batchSize && this.flushing === null) void this.flush();
  }

  stats(): AuditActivityStats {
    return { buffered: this.buffer.length, written: this.written, lost: this.lost };
  }

  /** Writes what waits; concurrent calls share one write. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.buffer.length === 0 && this.unreportedLost.size === 0) return Promise.resolve();
    this.flushing = this.writeBatch().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    if (this.buffer.length > 0) await this.flush();
  }

  private async writeBatch(): Promise<void> {
    const batch = this.buffer.splice(0, this.batchSize);
    const losses = [...this.unreportedLost];
    const now = this.options.clock.now();
    const lossRecords: AuditEntry[] = losses.map(([orgId, lost]) => ({
      orgId,
      at: now,
      action: "audit.activity_lost",
      target: null,
      actorUserId: null,
      actorAgentId: null,
      requestId: null,
      details: { lost },
    }));
    try {
      await this.options.store.transaction((tx) => tx.audit.append([...lossRecords, ...batch]));
      this.written += batch.length;
      for (const [orgId, lost] of losses) {
        const left = (this.unreportedLost.get(orgId) ?? 0) - lost;
        if (left > 0) this.unreportedLost.set(orgId, left);
        else this.unreportedLost.delete(orgId);
      }
    } catch (error) {
      for (const entry of batch) this.countLost(entry.orgId, 1);
      this.options.log.warn({ err: error, lost: batch.length }, "audit activity batch could not be written");
    }
  }

  private countLost(orgId: string, count: number): void {
    this.lost += count;
    this.unreportedLost.set(orgId, (this.unreportedLost.get(orgId) ?? 0) + count);
  }
}
