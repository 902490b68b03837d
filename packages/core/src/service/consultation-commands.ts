import { transitionThread } from "../domain/consultation/transition-thread.js";
import type { MessageType } from "../model/thread.js";
import { applyThreadCommand, type ThreadChangeResult } from "./apply-thread-command.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import { openIntrospectionConsultation } from "./open-introspection-consultation.js";

export type PostType = Extract<MessageType, "context" | "warning" | "question" | "answer">;

export interface PostToThreadInput {
  readonly threadId: string;
  readonly type: PostType | "introspection";
  readonly content: string;
  /** Only with type "introspection": the gray-zone agent's answer. */
  readonly verdict?: "concerned" | "not_concerned";
}

/**
 * Posts context, a warning, a question or an answer. With type "introspection" a gray-zone agent answers
 * the introspection request; "concerned" opens a consultation between it and the announcer.
 */
export async function postToThread(
  deps: CoordinatorDeps,
  actor: Actor,
  input: PostToThreadInput,
): Promise<ThreadChangeResult> {
  const messageId = deps.ids.next("message");
  if (input.type === "introspection") {
    const verdict = input.verdict ?? "not_concerned";
    return applyThreadCommand(
      deps,
      actor,
      input.threadId,
      (thread, now) =>
        transitionThread(
          thread,
          { type: "introspect", agentId: actor.agentId, verdict, note: input.content, messageId },
          now,
        ),
      async (tx, changes, transition) => {
        if (verdict === "concerned") {
          await openIntrospectionConsultation(
            deps,
            tx,
            changes,
            transition.thread,
            actor.agentId,
            input.content,
          );
        }
      },
    );
  }
  return applyThreadCommand(deps, actor, input.threadId, (thread, now) =>
    transitionThread(
      thread,
      {
        type: "post",
        agentId: actor.agentId,
        messageType: input.type as PostType,
        content: input.content,
        messageId,
        actorRole: actor.role,
      },
      now,
    ),
  );
}

export async function proposeResolution(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly threadId: string; readonly content: string },
): Promise<ThreadChangeResult> {
  const proposalId = deps.ids.next("proposal");
  const messageId = deps.ids.next("message");
  return applyThreadCommand(deps, actor, input.threadId, (thread, now) =>
    transitionThread(
      thread,
      { type: "propose", agentId: actor.agentId, content: input.content, proposalId, messageId },
      now,
    ),
  );
}

export async function approveResolution(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly threadId: string },
): Promise<ThreadChangeResult> {
  const messageId = deps.ids.next("message");
  return applyThreadCommand(deps, actor, input.threadId, (thread, now) =>
    transitionThread(
      thread,
      { type: "approve", agentId: actor.agentId, messageId, actorRole: actor.role },
      now,
    ),
  );
}

export async function contestResolution(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly threadId: string; readonly reason: string },
): Promise<ThreadChangeResult> {
  const messageId = deps.ids.next("message");
  return applyThreadCommand(deps, actor, input.threadId, (thread, now) =>
    transitionThread(
      thread,
      { type: "contest", agentId: actor.agentId, reason: input.reason, messageId, actorRole: actor.role },
      now,
    ),
  );
}

export async function closeThread(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly threadId: string; readonly reason?: string },
): Promise<ThreadChangeResult> {
  const messageId = deps.ids.next("message");
  return applyThreadCommand(deps, actor, input.threadId, (thread, now) =>
    transitionThread(
      thread,
      { type: "close", agentId: actor.agentId, reason: input.reason?.trim() || "work complete", messageId },
      now,
    ),
  );
}

export async function cancelThread(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly threadId: string; readonly reason?: string },
): Promise<ThreadChangeResult> {
  const messageId = deps.ids.next("message");
  return applyThreadCommand(deps, actor, input.threadId, (thread, now) =>
    transitionThread(
      thread,
      {
        type: "cancel",
        agentId: actor.agentId,
        reason: input.reason?.trim() || "work abandoned",
        messageId,
        actorRole: actor.role,
      },
      now,
    ),
  );
}
