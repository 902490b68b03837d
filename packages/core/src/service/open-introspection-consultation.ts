import { createThread, threadSummary } from "../domain/consultation/transition-thread.js";
import type { Thread } from "../model/thread.js";
import type { StoreTx } from "../ports/store.js";
import type { CoordinatorDeps } from "./deps.js";
import { type Changes, deliver } from "./unit-of-work.js";

/**
 * A gray-zone agent answered "concerned": the auto-resolved thread stays terminal, and a new consultation
 * opens between the announcer and that agent, linked to the original by `originThreadId`.
 */
export async function openIntrospectionConsultation(
  deps: CoordinatorDeps,
  tx: StoreTx,
  changes: Changes,
  origin: Thread,
  agentId: string,
  note: string,
): Promise<Thread> {
  const now = deps.clock.now();
  const impact = origin.impacts.find((i) => i.agentId === agentId);
  const thread = createThread({
    orgId: origin.orgId,
    id: deps.ids.next("thread"),
    subject: origin.subject,
    initiatorId: origin.initiatorId,
    respondentIds: [agentId],
    now,
    deadlineAt: now + deps.config.consultationTimeoutMs,
    maxRounds: deps.config.maxRounds,
    announcementId: origin.announcementId,
    originThreadId: origin.id,
    score: impact?.score ?? origin.score,
    layer: impact?.layer ?? origin.layer,
    category: "concerned",
    impacts: impact ? [impact] : [],
    targetFiles: origin.targetFiles,
    targetModules: origin.targetModules,
  });
  await tx.insertThread(thread);
  changes.emit({
    type: "thread.opened",
    orgId: origin.orgId,
    actorId: agentId,
    at: now,
    thread: threadSummary(thread),
  });
  await deliver(deps, tx, changes, {
    orgId: origin.orgId,
    recipients: [origin.initiatorId],
    kind: "thread_opened",
    threadId: thread.id,
    fromAgentId: agentId,
    summary: `${agentId} is concerned by "${origin.subject}" after all ("${note.slice(0, 80)}"): consultation ${thread.id} opened; wait for it to resolve before writing.`,
  });
  return thread;
}
