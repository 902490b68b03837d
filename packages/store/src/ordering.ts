import type { Thread, WorkingFileClaim } from "@mcp-coordinator/core";

/** Compare like Array.prototype.sort's default, which is what the in-memory store uses. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byClaimOrder(a: WorkingFileClaim, b: WorkingFileClaim): number {
  return byString(a.path, b.path) || byString(a.agentId, b.agentId) || byString(a.orgId, b.orgId);
}

/** Initiator, respondents and claimant: the agents ThreadFilter.agentId matches. */
export function threadParticipants(thread: Thread): string[] {
  const ids = new Set<string>([thread.initiatorId, ...thread.respondentIds]);
  if (thread.task.claimantId) ids.add(thread.task.claimantId);
  return [...ids];
}

export const LIVE_THREAD_STATUSES = ["open", "resolving"] as const;
