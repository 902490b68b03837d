import { activityAuditFor, decisionAuditFor } from "../domain/audit/audit-entries-for-events.js";
import { tokenTotalsFor } from "../domain/tokens/token-totals-for-events.js";
import { CoordinatorError, VersionConflictError } from "../errors.js";
import type { CoordinatorEvent, DraftEvent } from "../events.js";
import type { InboxItem, InboxKind } from "../model/inbox.js";
import type { StoreTx } from "../ports/store.js";
import type { Observation } from "../ports/telemetry.js";
import { auditRefusal, isAuditedRefusal } from "./audit-refusal.js";
import type { Actor, CoordinatorDeps, OrgScope } from "./deps.js";

/**
 * What a use case produces besides its answer: events to log and publish, inbox items to store. Every
 * event is stamped with the acting user here, in one place, so no use case can forget it.
 */
export class Changes {
  readonly events: CoordinatorEvent[] = [];
  readonly inbox: InboxItem[] = [];
  /** Facts for metrics that the events do not carry; reported only if the transaction commits. */
  readonly observations: Observation[] = [];

  constructor(private readonly userId: string | null) {}

  emit(...events: readonly DraftEvent[]): void {
    for (const event of events) this.events.push({ ...event, userId: this.userId } as CoordinatorEvent);
  }

  observe(observation: Observation): void {
    this.observations.push(observation);
  }
}

const MAX_ATTEMPTS = 5;

/**
 * Runs a use case in one store transaction: load, decide, write, log the events; then, after commit,
 * hand them to the publisher, which publishes them without the caller waiting. A VersionConflictError (another writer won a race on the same row) re-runs the whole use
 * case against fresh data, so two instances never both apply a transition. `actedBy` is who the events
 * name as the acting user; null when the coordinator acts on its own (sweeps, timeouts).
 *
 * Decisions among the events (consensus, cancellations, operator actions …) are audited in the same
 * transaction, so a committed decision always has its audit record; activity (announces, file activity)
 * goes to the batched tier after commit, off the hot path. Token usage reports are added to the stored
 * per-session totals in the same transaction, with the seq their event got.
 */
export async function commit<T>(
  deps: CoordinatorDeps,
  actedBy: (OrgScope & Partial<Pick<Actor, "role" | "agentId">>) | null,
  work: (tx: StoreTx, changes: Changes) => Promise<T>,
): Promise<T> {
  const cause = {
    role: actedBy?.role ?? null,
    agentId: actedBy?.agentId ?? null,
    requestId: deps.requestId(),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      const { value, published, observations } = await deps.store.transaction(async (tx) => {
        const changes = new Changes(actedBy?.userId ?? null);
        const value = await work(tx, changes);
        if (changes.inbox.length > 0) await tx.appendInbox(changes.inbox);
        const published = changes.events.length > 0 ? await tx.appendEvents(changes.events) : [];
        for (const totals of tokenTotalsFor(published)) await tx.tokenTotals.add(totals);
        const decisions = decisionAuditFor(changes.events, cause);
        if (decisions.length > 0) await tx.audit.append(decisions);
        return { value, published, observations: changes.observations };
      });
      deps.telemetry.committed(published, observations);
      if (deps.auditActivity !== null && published.length > 0) {
        const activity = activityAuditFor(published, cause);
        if (activity.length > 0) deps.auditActivity.record(activity);
      }
      // The answer does not wait for the fan-out: the publisher sends the events in the background, in
      // seq order per org, and the outbox row written with them replays them if this process dies first.
      // Only a publisher whose org queue is full makes the writer wait (backpressure).
      const backlog = deps.publisher.enqueue(published);
      if (backlog !== null) await backlog;
      return value;
    } catch (error) {
      if (actedBy !== null && isAuditedRefusal(error))
        await auditRefusal(deps, actedBy, cause.requestId, error);
      if (!(error instanceof VersionConflictError)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new CoordinatorError(
          "CONFLICT_RETRY_EXHAUSTED",
          "Too many concurrent updates to the same thread; retry the call in a moment.",
          error.details as Record<string, unknown>,
        );
      }
      deps.telemetry.versionConflictRetried();
    }
  }
}

/**
 * Puts an item in each recipient's inbox. A recipient that is offline still gets it (it reads it when it
 * returns) and the sender is told with an `inbox.bounced` event.
 */
export async function deliver(
  deps: CoordinatorDeps,
  tx: StoreTx,
  changes: Changes,
  params: {
    readonly orgId: string;
    readonly recipients: readonly string[];
    readonly kind: InboxKind;
    readonly threadId: string | null;
    readonly fromAgentId: string | null;
    readonly summary: string;
    /**
     * Every recipient was read as online in this transaction (an announcement's scoring evidence holds
     * online agents only): no bounce check, which would read each of them again (a hot file tells
     * hundreds).
     */
    readonly recipientsOnline?: boolean;
  },
): Promise<void> {
  const now = deps.clock.now();
  for (const recipient of new Set(params.recipients)) {
    if (recipient === params.fromAgentId) continue;
    changes.inbox.push({
      orgId: params.orgId,
      id: deps.ids.next("inbox"),
      agentId: recipient,
      kind: params.kind,
      threadId: params.threadId,
      fromAgentId: params.fromAgentId,
      summary: params.summary,
      createdAt: now,
      deliveredAt: null,
      ackedAt: null,
      deliveryCount: 0,
    });
    if (params.recipientsOnline === true) continue;
    const agent = await tx.getAgent(params.orgId, recipient);
    if (agent === null || agent.status === "offline") {
      changes.emit({
        type: "inbox.bounced",
        orgId: params.orgId,
        actorId: params.fromAgentId,
        at: now,
        recipientId: recipient,
        threadId: params.threadId,
        summary: params.summary,
      });
    }
  }
}
