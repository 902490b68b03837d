import type { CoordinatorError } from "../../errors.js";
import type { DraftEvent } from "../../events.js";
import type { Message, MessageType, Thread } from "../../model/thread.js";

/**
 * What can happen to a consultation. Ids and time come in as arguments so the transition stays pure.
 * `actorRole: "operator"` is a human acting from the dashboard: may post, approve (which resolves at
 * once as `operator`), contest and cancel, without being a participant.
 */
export type ThreadCommand =
  | {
      readonly type: "post";
      readonly agentId: string;
      readonly messageType: Exclude<
        MessageType,
        "proposal" | "approval" | "contest" | "system" | "introspection"
      >;
      readonly content: string;
      readonly messageId: string;
      readonly actorRole?: ActorRole;
    }
  | {
      readonly type: "propose";
      readonly agentId: string;
      readonly content: string;
      readonly proposalId: string;
      readonly messageId: string;
    }
  | {
      readonly type: "approve";
      readonly agentId: string;
      readonly messageId: string;
      readonly actorRole?: ActorRole;
    }
  | {
      readonly type: "contest";
      readonly agentId: string;
      readonly reason: string;
      readonly messageId: string;
      readonly actorRole?: ActorRole;
    }
  | {
      readonly type: "close";
      readonly agentId: string;
      readonly reason: string;
      readonly messageId: string;
    }
  | {
      readonly type: "cancel";
      readonly agentId: string;
      readonly reason: string;
      readonly messageId: string;
      readonly actorRole?: ActorRole;
    }
  | { readonly type: "timeout"; readonly messageId: string }
  | { readonly type: "depart"; readonly agentId: string; readonly messageId: string }
  | {
      readonly type: "introspect";
      readonly agentId: string;
      readonly verdict: "concerned" | "not_concerned";
      readonly note: string;
      readonly messageId: string;
    };

export type ActorRole = "agent" | "operator";

/** The command variant of one `type`, so each handler receives exactly the fields it needs. */
export type CommandOf<T extends ThreadCommand["type"]> = Extract<ThreadCommand, { readonly type: T }>;

export interface Transition {
  readonly thread: Thread;
  /** Messages to append (posts, proposals, approvals, system notes). */
  readonly messages: readonly Message[];
  readonly events: readonly DraftEvent[];
}

export type TransitionResult = Transition | CoordinatorError;
