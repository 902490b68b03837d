import {
  afterQuotaFailure,
  afterQuotaRead,
  initialQuotaState,
  isBackingOff,
  type QuotaState,
} from "../domain/quota/quota-state.js";
import type { QuotaStatus } from "../model/quota.js";
import { QuotaReadError, type QuotaSource } from "../ports/quota-source.js";
import type { CoordinatorDeps, OrgScope } from "./deps.js";
import { commit } from "./unit-of-work.js";

/** The quota between reads; one per coordinator (the quota is the host's, not a row of any org). */
export class QuotaTracker {
  state: QuotaState;
  inflight: Promise<QuotaStatus> | null = null;

  constructor(
    readonly source: QuotaSource | null,
    readonly maxPct: number,
  ) {
    this.state = initialQuotaState(source?.kind ?? null, maxPct, source !== null);
  }
}

/** What the caller may see: the tracked quota for its org, a disabled status for any other. */
export function quotaStatus(deps: CoordinatorDeps, scope: OrgScope): QuotaStatus {
  if (scope.orgId !== deps.config.quotaOrgId) return hidden(deps);
  return deps.quota.state.status;
}

/**
 * Reads the quota now (the refresh timer, `POST /api/quota/refresh`) and publishes `quota.updated`.
 * During a back-off the provider is not asked and the current status is returned as it is; concurrent
 * refreshes share one read.
 */
export async function refreshQuota(deps: CoordinatorDeps, scope: OrgScope): Promise<QuotaStatus> {
  const tracker = deps.quota;
  if (scope.orgId !== deps.config.quotaOrgId) return hidden(deps);
  const source = tracker.source;
  if (source === null || isBackingOff(tracker.state, deps.clock.now())) return tracker.state.status;
  tracker.inflight ??= (async () => {
    try {
      const reading = await source.read().then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error: asReadError(error) }),
      );
      const now = deps.clock.now();
      tracker.state = reading.ok
        ? afterQuotaRead(tracker.state, reading.value, now)
        : afterQuotaFailure(tracker.state, reading.error, now);
      if (!reading.ok)
        deps.log("warn", "quota read failed", { code: reading.error.code, error: reading.error.message });
      const { enabled: _enabled, ...status } = tracker.state.status;
      await commit(deps, { orgId: deps.config.quotaOrgId }, async (_tx, changes) => {
        changes.emit({
          type: "quota.updated",
          orgId: deps.config.quotaOrgId,
          actorId: null,
          at: now,
          ...status,
        });
      });
      return tracker.state.status;
    } finally {
      tracker.inflight = null;
    }
  })();
  return tracker.inflight;
}

function hidden(deps: CoordinatorDeps): QuotaStatus {
  return initialQuotaState(null, deps.config.maxQuotaPct, false).status;
}

/** An adapter bug (a TypeError, say) must not stop the tracker: it becomes an "unavailable" read. */
function asReadError(error: unknown): QuotaReadError {
  return error instanceof QuotaReadError
    ? error
    : new QuotaReadError(
        "QUOTA_UNAVAILABLE",
        `quota read failed: ${error instanceof Error ? error.message : String(error)}`,
      );
}
