import type { AgentView, Thread, ThreadChangeResult } from "@mcp-coordinator/core";
import { z } from "zod";

/** Output pieces shared by several tools (wire form). Kept loose: extra fields may appear. */
export const rows = z.array(z.looseObject({}));

export const threadBriefSchema = z.looseObject({
  thread_id: z.string(),
  subject: z.string(),
  status: z.string(),
});

/** A thread as tools report it: what a model needs to decide, not the whole row. */
export function threadBrief(thread: Thread) {
  return {
    thread_id: thread.id,
    subject: thread.subject,
    status: thread.status,
    round: thread.round,
    initiator_id: thread.initiatorId,
    respondent_ids: thread.respondentIds,
    score: thread.score,
    layer: thread.layer,
    category: thread.category,
    target_files: thread.targetFiles,
    target_modules: thread.targetModules,
    proposal: thread.proposal
      ? { author_id: thread.proposal.authorId, content: thread.proposal.content }
      : null,
    approvals: thread.approvals,
    resolution: thread.resolution
      ? { type: thread.resolution.type, content: thread.resolution.content, reason: thread.resolution.reason }
      : null,
    task: {
      state: thread.task.state,
      claimant_id: thread.task.claimantId,
      assigned_to: thread.task.assignedTo,
    },
    deadline_at: thread.deadlineAt,
    updated_at: thread.updatedAt,
  };
}

export const threadChangeSchema = z.object({
  thread_id: z.string(),
  status: z.string(),
  round: z.number(),
  awaiting: z.array(z.string()),
  thread: z.looseObject({}),
});

export function threadChange(result: ThreadChangeResult) {
  return {
    thread_id: result.thread.id,
    status: result.thread.status,
    round: result.thread.round,
    awaiting: [...result.awaiting],
    thread: threadBrief(result.thread),
  };
}

export function describeChange(result: ThreadChangeResult, did: string): string {
  const { thread, awaiting } = result;
  const waiting = awaiting.length > 0 ? `; awaiting approval from ${awaiting.join(", ")}` : "";
  return `${did} ${thread.id}: now ${thread.status} (round ${thread.round})${waiting}.`;
}

export function agentRow(view: AgentView) {
  const { agent, activity } = view;
  return {
    agent_id: agent.id,
    name: agent.name,
    status: agent.status,
    activity,
    modules: agent.modules,
    current_file: agent.currentFile,
    waiting_on_thread_id: agent.waitingOnThreadId,
    last_seen_at: agent.lastSeenAt,
  };
}

export const seconds = (value: number | undefined) =>
  value === undefined ? undefined : Math.round(value * 1000);
