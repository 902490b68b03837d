import { type CoordinatorErrorCode, isCoordinatorError } from "@mcp-coordinator/core";
import type { z } from "zod";

/**
 * What to do next, per refusal. Core messages already say what was wrong; this adds the way out when the
 * message alone may not make it obvious to a model. The one place where core codes become tool errors.
 */
const NEXT_STEP: Partial<Record<CoordinatorErrorCode, string>> = {
  AGENT_NOT_REGISTERED:
    "Call register_agent with your name first (agent_id re-attaches a known agent), then retry.",
  IMPERSONATION: "Omit agent_id, or pass this session's own id: one session acts as one agent.",
  AGENT_OWNED_BY_ANOTHER_USER:
    "Register under a new agent_id (or omit it): this id belongs to another user's agent.",
  THREAD_NOT_FOUND: "list_threads shows the thread ids that exist.",
  ILLEGAL_TRANSITION: "get_thread shows the thread's status and what it accepts now.",
  NOT_A_PARTICIPANT: "Only the thread's participants may do this; post_to_thread with a question instead.",
  NO_PROPOSAL: "Someone must propose_resolution first.",
  TASK_ALREADY_CLAIMED: "Pick another task from list_threads.",
  CONFLICT_RETRY_EXHAUSTED: "Retry the same call in a moment.",
  STORE_VERSION_CONFLICT: "Retry the same call in a moment.",
};

export interface ToolFailure {
  readonly code: string;
  readonly message: string;
}

/** Any error thrown while running a tool, as a message a model can act on. Never a stack trace. */
export function describeFailure(error: unknown): ToolFailure {
  if (isCoordinatorError(error)) {
    const next = NEXT_STEP[error.code];
    return {
      code: error.code,
      message: next && !error.message.includes(next) ? `${error.message} ${next}` : error.message,
    };
  }
  return {
    code: "INTERNAL",
    message:
      "The coordinator failed to handle this call (logged on the server). Retry once; if it fails again, continue without it.",
  };
}

/** Argument validation failures, naming each field and the rule. */
export function describeInvalidArguments(tool: string, error: z.ZodError): ToolFailure {
  const problems = error.issues.slice(0, 5).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "(arguments)";
    return `${field}: ${issue.message}`;
  });
  return {
    code: "VALIDATION_FAILED",
    message: `Invalid arguments for ${tool}: ${problems.join("; ")}. Fix ${problems.length > 1 ? "these fields" : "this field"} and call ${tool} again.`,
  };
}
