import { type Clock, pruneAuditLog, type Store } from "@mcp-coordinator/core";
import type { Logger } from "pino";

export interface AuditRetentionOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** Records older than this are pruned (COORDINATOR_AUDIT_RETENTION_DAYS in ms). */
  readonly retentionMs: number;
  /** How often it runs; default one hour. */
  readonly intervalMs?: number;
  /** True when this instance holds the leader lease: of several instances on one store, one prunes. */
  readonly lead: () => Promise<boolean>;
  readonly log: Logger;
}

export interface AuditRetention {
  /** One pass over every org's chain (what the timer runs); returns the records removed. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/**
 * Audit retention on a timer: each org's records older than the window go behind an `audit.checkpoint`
 * (core's pruneAuditLog, the same as `audit prune`), so `audit verify` still passes afterwards. A failed
 * pass is logged and retried at the next one; the chain is never left half pruned (one transaction per org).
 */
export function startAuditRetention(options: AuditRetentionOptions): AuditRetention {
  const { store, clock, log } = options;
  const intervalMs = options.intervalMs ?? HOUR_MS;
  let running: Promise<number> | null = null;
  let cancel: (() => void) | null = null;
  let stopped = false;

  async function pass(): Promise<number> {
    const before = clock.now() - options.retentionMs;
    let removed = 0;
    for (const orgId of await store.transaction((tx) => tx.audit.orgs())) {
      const result = await pruneAuditLog({ store, clock }, { orgId, before, actorUserId: null });
      if (result.removed > 0) {
        removed += result.removed;
        log.info(
          { org: orgId, removed: result.removed, checkpointSeq: result.checkpointSeq },
          "audit pruned",
        );
      }
    }
    return removed;
  }

  function runOnce(): Promise<number> {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  }

  const tick = () => {
    options
      .lead()
      .then((leads) => (leads ? runOnce() : 0))
      .catch((error: unknown) => log.error({ err: error }, "audit retention failed"))
      .finally(() => {
        if (!stopped) cancel = clock.setTimer(intervalMs, tick);
      });
  };
  cancel = clock.setTimer(intervalMs, tick);

  return {
    runOnce,
    async stop() {
      stopped = true;
      cancel?.();
      await running?.catch(() => undefined);
    },
  };
}
