import type { AgentView, Thread, ThreadChangeResult } from "@mcp-coordinator/core";
import type { AgentRowOutput, ThreadBriefOutput, ToolOutput } from "@mcp-coordinator/core/wire";

/**
 * Projections shared by several tools: core records → the wire shapes of core/wire's tool outputs
 * (threadBriefOutput, agentRowOutput, threadChangeOutput). Picked field by field, not toWire'd, because
 * a tool result carries what a model needs to decide, not the whole record.
 */

/** A thread as tools report it: what a model needs to decide, not the whole row. */
export function threadBrief(thread: Thread): ThreadBriefOutput {
  return {
    thread_id: thread.id,
    subject: thread.subject,
    status: thread.status,
    round: thread.round,
    initiator_id: thread.initiatorId,
    respondent_ids: [...thread.respondentIds],
    score: thread.score,
    layer: thread.layer,
    category: thread.category,
    target_files: [...thread.targetFiles],
    target_modules: [...thread.targetModules],
    proposal: thread.proposal
      ? { author_id: thread.proposal.authorId, content: thread.proposal.content }
      : null,
    approvals: [...thread.approvals],
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

export function threadChange(result: ThreadChangeResult): ToolOutput<"post_to_thread"> {
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

export function agentRow(view: AgentView): AgentRowOutput {
  const { agent, activity } = view;
  return {
    agent_id: agent.id,
    name: agent.name,
    status: agent.status,
    activity,
    modules: [...agent.modules],
    current_file: agent.currentFile,
    waiting_on_thread_id: agent.waitingOnThreadId,
    last_seen_at: agent.lastSeenAt,
  };
}

export const seconds = (value: number | undefined) =>
  value === undefined ? undefined : Math.round(value * 1000);
