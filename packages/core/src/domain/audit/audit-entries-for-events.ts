import type { CoordinatorEvent } from "../../events.js";
import type { AuditAction, AuditEntry } from "../../model/audit.js";
import { safeAuditDetails } from "./safe-audit-details.js";

/** Who caused a batch of events, beyond what each event names. */
export interface AuditCause {
  /** "operator" when a human acted from the dashboard. */
  readonly role: "agent" | "operator" | null;
  readonly requestId: string | null;
  /** The acting agent (or `operator:<name>`), for events that name no actor (operator moves). */
  readonly agentId: string | null;
}

function entry(
  event: CoordinatorEvent,
  cause: AuditCause,
  action: AuditAction,
  target: string | null,
  details: Record<string, unknown>,
): AuditEntry {
  return {
    orgId: event.orgId,
    at: event.at,
    action,
    target,
    actorUserId: event.userId,
    actorAgentId: event.actorId ?? cause.agentId,
    requestId: cause.requestId,
    details: safeAuditDetails(details),
  };
}

/**
 * The decision records a committed batch of events calls for: consensus, cancellations, timeouts,
 * poisoned tasks, and one record per operator action. Derived in one place from the events (which every
 * use case already emits), so no use case can forget to audit a decision.
 */
export function decisionAuditFor(events: readonly CoordinatorEvent[], cause: AuditCause): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const first = events[0];
  if (cause.role === "operator" && first !== undefined) {
    const threadId = events.map(threadOf).find((id) => id !== null) ?? null;
    entries.push(
      entry(first, cause, "operator.action", threadId === null ? null : `thread:${threadId}`, {
        events: events.map((e) => e.type),
      }),
    );
  }
  for (const event of events) {
    if (event.type === "thread.status") {
      const target = `thread:${event.threadId}`;
      const details = {
        previousStatus: event.previousStatus,
        round: event.round,
        approvals: event.approvals,
        resolution: event.resolution,
      };
      if (event.status === "resolved")
        entries.push(entry(event, cause, "consensus.reached", target, details));
      if (event.status === "cancelled")
        entries.push(entry(event, cause, "thread.cancelled", target, details));
      if (event.status === "timeout") entries.push(entry(event, cause, "thread.timed_out", target, details));
    } else if (event.type === "thread.poisoned") {
      entries.push(
        entry(event, cause, "task.poisoned", `thread:${event.threadId}`, {
          unclaimCount: event.unclaimCount,
          taskState: event.taskState,
        }),
      );
    }
  }
  return entries;
}

/** The high-volume activity records (announces, file activity and claims) for the batched tier. */
export function activityAuditFor(events: readonly CoordinatorEvent[], cause: AuditCause): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const event of events) {
    if (event.type === "announcement.scored") {
      entries.push(
        entry(event, cause, "activity.announce", `announcement:${event.announcementId}`, {
          subject: event.subject,
          files: event.targetFiles,
          modules: event.targetModules,
          score: event.score,
          category: event.category,
          outcome: event.outcome,
          threadId: event.threadId,
        }),
      );
    } else if (event.type === "file.activity") {
      entries.push(entry(event, cause, "activity.file", event.path, { action: event.action }));
    } else if (event.type === "file.claimed" || event.type === "file.released") {
      entries.push(
        entry(event, cause, "activity.file", null, {
          action: event.type === "file.claimed" ? "claim" : "release",
          paths: event.paths,
        }),
      );
    }
  }
  return entries;
}

function threadOf(event: CoordinatorEvent): string | null {
  return "threadId" in event && typeof event.threadId === "string" ? event.threadId : null;
}
