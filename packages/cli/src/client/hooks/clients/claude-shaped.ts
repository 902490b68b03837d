import { type ClientAdapter, eventKey, type HookKind, type HookRequest, str } from "../hook-event.js";
import type { HookClient } from "../repo-identity.js";
import { type ToolNames, toolWrites } from "../tool-writes.js";

export interface ClaudeShapedOptions {
  readonly client: HookClient;
  readonly kinds: Readonly<Record<string, HookKind>>;
  readonly tools: ToolNames;
  /** Environment variables the client sets for its hooks, in the order to trust them. */
  readonly sessionEnv: readonly string[];
  readonly projectEnv: readonly string[];
}

/**
 * Parsing shared by the clients that copied Claude Code's hook input (Qwen Code, Codex, Gemini CLI):
 * stdin JSON with session_id, cwd, hook_event_name, tool_name and tool_input.
 */
export function parseClaudeShaped(
  options: ClaudeShapedOptions,
  event: string,
  input: Readonly<Record<string, unknown>>,
  env: NodeJS.ProcessEnv,
): HookRequest {
  const name = str(input.hook_event_name) ?? event;
  let kind = options.kinds[eventKey(name)] ?? "ignore";
  const writes =
    kind === "pre-edit" || kind === "post-edit"
      ? toolWrites(options.tools, str(input.tool_name) ?? "", input.tool_input)
      : undefined;
  if (writes && !writes.writes) kind = "ignore";
  const fromEnv = (names: readonly string[]) => names.map((n) => str(env[n])).find(Boolean);
  return {
    client: options.client,
    kind,
    event: name,
    sessionId: str(input.session_id) ?? fromEnv(options.sessionEnv) ?? "default",
    cwd: str(input.cwd) ?? fromEnv(options.projectEnv) ?? process.cwd(),
    files: writes?.files ?? [],
    stopHookActive: input.stop_hook_active === true,
    ...(writes?.opaqueShell ? { opaqueShell: true } : {}),
  };
}

export function jsonAnswer(value: unknown) {
  return { stdout: `${JSON.stringify(value)}\n`, exitCode: 0 };
}

/** The partial ClientAdapter every Claude-shaped client shares: `allow` prints nothing. */
export const silentAllow: Pick<ClientAdapter, "allow"> = { allow: () => ({ stdout: "", exitCode: 0 }) };
