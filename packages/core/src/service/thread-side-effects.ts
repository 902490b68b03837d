import type { Transition } from "../domain/consultation/commands.js";
import type { InboxKind } from "../model/inbox.js";
import { isTerminal, type Message, participantsOf, type Thread } from "../model/thread.js";
import type { StoreTx } from "../ports/store.js";
import { putAgentActivity } from "./agent-activity-changed.js";
import type { CoordinatorDeps } from "./deps.js";
import { forgetAnnounced } from "./symbol-evidence.js";
import { type Changes, deliver } from "./unit-of-work.js";

const KIND_OF_MESSAGE: Partial<Record<Message["type"], InboxKind>> = {
  proposal: "proposal",
  approval: "approval",
  contest: "contest",
  context: "message",
  warning: "message",
  question: "message",
  answer: "message",
};

/**
 * Persists a consultation transition and does what follows from it: messages appended, events logged,
 * every other participant's inbox told (the push that reaches a model through tool results), and on a
 * terminal state the initiator stops waiting and a closed or cancelled announcement is released.
 */
export async function afterThreadChange(...args: Parameters<typeof followThreadChange>): Promise<void> {
  const [, tx, , , transition] = args;
  await tx.updateThread(transition.thread);
  for (const message of transition.messages) await tx.appendMessage(message);
  await followThreadChange(...args);
}

/**
 * afterThreadChange once the thread and its messages are written: a sweep writes a whole batch of them
 * with updateThreads/appendMessages first, then runs this for each.
 */
export async function followThreadChange(
  deps: CoordinatorDeps,
  tx: StoreTx,
  changes: Changes,
  before: Thread,
  transition: Transition,
  actorId: string | null,
): Promise<void> {
  const { thread } = transition;
  changes.emit(...transition.events);

  const audience = [...new Set([thread.initiatorId, ...participantsOf(thread)])];
  for (const message of transition.messages) {
    const kind = KIND_OF_MESSAGE[message.type];
    if (kind === undefined) continue;
    await deliver(deps, tx, changes, {
      orgId: thread.orgId,
      recipients: audience,
      kind,
      threadId: thread.id,
      fromAgentId: message.agentId,
      summary: describeMessage(thread, message),
    });
  }

  if (!isTerminal(before.status) && isTerminal(thread.status)) {
    changes.observe({
      kind: "consultation.ended",
      orgId: thread.orgId,
      resolution: thread.resolution?.type ?? thread.status,
      durationMs: Math.max(0, (thread.resolution?.at ?? deps.clock.now()) - thread.createdAt),
    });
    await deliver(deps, tx, changes, {
      orgId: thread.orgId,
      recipients: audience,
      kind: "resolution",
      threadId: thread.id,
      fromAgentId: actorId,
      summary: describeEnding(thread),
    });
    await stopWaiting(deps, tx, changes, thread);
    if (thread.status === "closed" || thread.status === "cancelled")
      await releaseAnnouncement(deps, tx, thread);
  }
}

async function stopWaiting(
  deps: CoordinatorDeps,
  tx: StoreTx,
  changes: Changes,
  thread: Thread,
): Promise<void> {
  for (const agentId of new Set([thread.initiatorId, ...thread.respondentIds])) {
    const agent = await tx.getAgent(thread.orgId, agentId);
    if (agent?.waitingOnThreadId === thread.id) {
      await putAgentActivity(deps, tx, changes, { ...agent, waitingOnThreadId: null });
    }
  }
}

async function releaseAnnouncement(deps: CoordinatorDeps, tx: StoreTx, thread: Thread): Promise<void> {
  const now = deps.clock.now();
  const announcements = await tx.listAnnouncements(thread.orgId, { threadId: thread.id, activeAt: now });
  for (const announcement of announcements) {
    await tx.putAnnouncement({ ...announcement, releasedAt: now });
  }
  await forgetAnnounced(deps, tx, thread.orgId, announcements);
}

function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function describeMessage(thread: Thread, message: Message): string {
  const where = `${thread.id} (${excerpt(thread.subject, 40)})`;
  switch (message.type) {
    case "proposal":
      return `${message.agentId} proposed in ${where}: "${excerpt(message.content)}" — approve_resolution or contest_resolution.`;
    case "approval":
      return `${message.agentId} approved the proposal in ${where}.`;
    case "contest":
      return `${message.agentId} contested the proposal in ${where}: "${excerpt(message.content)}" — round ${thread.round}.`;
    default:
      return `${message.agentId} posted ${message.type} in ${where}: "${excerpt(message.content)}"`;
  }
}

function describeEnding(thread: Thread): string {
  const resolution = thread.resolution;
  const how = resolution ? resolution.type.replace("_", " ") : thread.status;
  const what = resolution?.content ? `: "${excerpt(resolution.content)}"` : "";
  return `${thread.id} (${excerpt(thread.subject, 40)}) ended as ${how}${what}.`;
}
