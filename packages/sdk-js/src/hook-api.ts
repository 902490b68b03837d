import {
  HOOK_INPUTS,
  HOOK_OUTPUTS,
  type HookInput,
  type HookResponse,
  type HookRoute,
} from "@mcp-coordinator/core/wire";
import { type CallOptions, callRoute } from "./http/call-route.js";
import type { Transport } from "./http/transport.js";
import { validateInput } from "./validate-input.js";

/**
 * One typed method per /api/hooks route: what the cli's hook runner sends for a client hook event, for
 * integrations that bring their own agent client (an editor extension, a custom agent loop). Each call
 * names the agent (`agent_id`, `name`) and registers it on the way when the coordinator does not know it.
 */
export interface HookApi {
  /** POST /api/hooks/session: registers (or re-attaches) the agent; who else works here, open threads, unread. */
  session(
    input: HookInput<"POST /api/hooks/session">,
    options?: CallOptions,
  ): Promise<HookResponse<"POST /api/hooks/session">>;
  /** POST /api/hooks/session-end: the agent goes offline and its claims are released. */
  sessionEnd(
    input: HookInput<"POST /api/hooks/session-end">,
    options?: CallOptions,
  ): Promise<HookResponse<"POST /api/hooks/session-end">>;
  /** POST /api/hooks/pre-edit: the conflict check before an edit, claiming the file per `claim`. */
  preEdit(
    input: HookInput<"POST /api/hooks/pre-edit">,
    options?: CallOptions,
  ): Promise<HookResponse<"POST /api/hooks/pre-edit">>;
  /** POST /api/hooks/post-edit: records the edit (and, with `edits`, the declarations it touched). */
  postEdit(
    input: HookInput<"POST /api/hooks/post-edit">,
    options?: CallOptions,
  ): Promise<HookResponse<"POST /api/hooks/post-edit">>;
  /** POST /api/hooks/inbox: the unread messages, acknowledged by this call. */
  inbox(
    input: HookInput<"POST /api/hooks/inbox">,
    options?: CallOptions,
  ): Promise<HookResponse<"POST /api/hooks/inbox">>;
  /** POST /api/hooks/check-paths: the git guard's check of staged paths. */
  checkPaths(
    input: HookInput<"POST /api/hooks/check-paths">,
    options?: CallOptions,
  ): Promise<HookResponse<"POST /api/hooks/check-paths">>;
  /** POST /api/hooks/token-usage: a session's model turns, summed per model into the token metrics. */
  tokenUsage(
    input: HookInput<"POST /api/hooks/token-usage">,
    options?: CallOptions,
  ): Promise<HookResponse<"POST /api/hooks/token-usage">>;
}

export function createHookApi(transport: Transport, validateResponses: boolean): HookApi {
  const post = async <R extends HookRoute>(
    route: R,
    what: string,
    input: unknown,
    options: CallOptions | undefined,
  ): Promise<HookResponse<R>> =>
    callRoute(
      transport,
      route,
      HOOK_OUTPUTS[route],
      validateResponses,
      { path: route.slice("POST ".length), body: validateInput(what, HOOK_INPUTS[route], input ?? {}) },
      options,
    ) as Promise<HookResponse<R>>;
  return {
    session: async (input, o) => post("POST /api/hooks/session", "hooks.session", input, o),
    sessionEnd: async (input, o) => post("POST /api/hooks/session-end", "hooks.sessionEnd", input, o),
    preEdit: async (input, o) => post("POST /api/hooks/pre-edit", "hooks.preEdit", input, o),
    postEdit: async (input, o) => post("POST /api/hooks/post-edit", "hooks.postEdit", input, o),
    inbox: async (input, o) => post("POST /api/hooks/inbox", "hooks.inbox", input, o),
    checkPaths: async (input, o) => post("POST /api/hooks/check-paths", "hooks.checkPaths", input, o),
    tokenUsage: async (input, o) => post("POST /api/hooks/token-usage", "hooks.tokenUsage", input, o),
  };
}
