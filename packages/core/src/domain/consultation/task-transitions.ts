import { CoordinatorError } from "../../errors.js";
import type { DraftEvent } from "../../events.js";
import type { TaskInfo, Thread } from "../../model/thread.js";

/**
 * Work stealing on the task a thread describes (spec: Topic map, `consultations/{id}/claimed` "An agent
 * atomically claims a task" and `/completed` "Claimed task finishes"). Pure like the consultation
 * machine: each function returns the next thread (version + 1) and its events, or a typed refusal.
 * Atomicity comes from the store's conditional write on `version`: of several agents claiming the same
 * version only one write lands; the others retry on the new version and get TASK_ALREADY_CLAIMED.
 */
export interface TaskTransition {
  readonly thread: Thread;
  readonly events: readonly DraftEvent[];
}

export type TaskTransitionResult = TaskTransition | CoordinatorError;

/**
 * @param busyFiles target files of other agents' claimed, not yet completed tasks: two claimants never
 *   edit the same file at once.
 *
 * Claiming a task one already holds is refused too (TASK_ALREADY_CLAIMED with `claimantId` = the caller)
 * rather than accepted as a no-op: a write must change something, and the caller can recognise its own
 * earlier claim from the details.
 */
export function decideClaim(
  thread: Thread,
  agentId: string,
  now: number,
  busyFiles: ReadonlySet<string>,
): TaskTransitionResult {
  const { task } = thread;
  const details = { threadId: thread.id, agentId };
  if (thread.status === "cancelled" || thread.status === "closed") {
    return new CoordinatorError(
      "TASK_NOT_CLAIMABLE",
      `Thread ${thread.id} is ${thread.status}; its task is no longer wanted.`,
      { ...details, status: thread.status, taskState: task.state },
    );
  }
  if (task.state === "completed" || task.state === "poisoned") {
    const why =
      task.state === "completed" ? "was already completed" : `was given up ${task.unclaimCount} times`;
    return new CoordinatorError("TASK_NOT_CLAIMABLE", `The task of thread ${thread.id} ${why}.`, {
      ...details,
      status: thread.status,
      taskState: task.state,
    });
  }
  if (task.state === "claimed") {
    return new CoordinatorError(
      "TASK_ALREADY_CLAIMED",
      `The task of thread ${thread.id} is already claimed by ${task.claimantId}; pick another task.`,
      { ...details, claimantId: task.claimantId },
    );
  }
  if (task.assignedTo !== null && task.assignedTo !== agentId) {
    return new CoordinatorError(
      "TASK_ASSIGNED_ELSEWHERE",
      `The task of thread ${thread.id} is assigned to ${task.assignedTo}; only that agent may claim it.`,
      { ...details, assignedTo: task.assignedTo },
    );
  }
  const files = thread.targetFiles.filter((file) => busyFiles.has(file));
  if (files.length > 0) {
    return new CoordinatorError(
      "TASK_FILES_BUSY",
      `Another agent's claimed task is editing ${files.join(", ")}; claim this task once it completes.`,
      { ...details, files },
    );
  }
  const next = withTask(thread, { state: "claimed", claimantId: agentId, claimedAt: now }, now);
  return {
    thread: next,
    events: [{ ...eventBase(next, agentId, now), type: "thread.claimed", claimedBy: agentId }],
  };
}

/**
 * Gives the task back for someone else. A task given back `maxUnclaims` times is poisoned: it keeps
 * defeating agents, so it stops being offered until a human looks at it.
 */
export function decideUnclaim(
  thread: Thread,
  agentId: string,
  now: number,
  maxUnclaims: number,
): TaskTransitionResult {
  const refusal = requireClaimant(thread, agentId, "unclaim");
  if (refusal) return refusal;
  const unclaimCount = thread.task.unclaimCount + 1;
  const poisoned = unclaimCount >= maxUnclaims;
  const next = withTask(
    thread,
    { state: poisoned ? "poisoned" : "unclaimed", claimantId: null, claimedAt: null, unclaimCount },
    now,
  );
  const base = eventBase(next, agentId, now);
  const events: DraftEvent[] = [{ ...base, type: "thread.unclaimed", unclaimCount }];
  if (poisoned) events.push({ ...base, type: "thread.poisoned", unclaimCount, taskState: "poisoned" });
  return { thread: next, events };
}

/** Only the claimant finishes the task; `claimantId` stays set to record who did the work. */
export function decideCompletion(
  thread: Thread,
  agentId: string,
  now: number,
  result: string | null,
): TaskTransitionResult {
  const refusal = requireClaimant(thread, agentId, "complete");
  if (refusal) return refusal;
  const next = withTask(thread, { state: "completed", completedAt: now, result }, now);
  return {
    thread: next,
    events: [{ ...eventBase(next, agentId, now), type: "thread.completed", result }],
  };
}

function requireClaimant(thread: Thread, agentId: string, action: string): CoordinatorError | null {
  const { task } = thread;
  if (task.state === "claimed" && task.claimantId === agentId) return null;
  return new CoordinatorError(
    "NOT_CLAIMANT",
    task.state === "claimed"
      ? `Only ${task.claimantId}, who claimed the task of thread ${thread.id}, may ${action} it.`
      : `The task of thread ${thread.id} is ${task.state}, not claimed by ${agentId}; nothing to ${action}.`,
    { threadId: thread.id, agentId, claimantId: task.claimantId, taskState: task.state },
  );
}

function withTask(thread: Thread, change: Partial<TaskInfo>, now: number): Thread {
  return { ...thread, task: { ...thread.task, ...change }, version: thread.version + 1, updatedAt: now };
}

function eventBase(thread: Thread, agentId: string, now: number) {
  return { orgId: thread.orgId, actorId: agentId, at: now, threadId: thread.id };
}
