import type { HookClient } from "./repo-identity.js";

/** What a client's hook event means for coordination, whatever the client calls it. */
export type HookKind =
  | "session-start"
  | "pre-edit"
  | "post-edit"
  | "prompt"
  | "stop"
  | "session-end"
  | "ignore";

export interface HookRequest {
  readonly client: HookClient;
  readonly kind: HookKind;
  /** The client's own event name, for answers that must echo it. */
  readonly event: string;
  readonly sessionId: string;
  readonly cwd: string;
  /** Files the tool is about to change or changed, as the client gave them (absolute or cwd-relative). */
  readonly files: readonly string[];
  /** Claude Code: this Stop follows a Stop hook that already asked for one more turn. */
  readonly stopHookActive: boolean;
  /** Claude Code: the session's JSONL transcript, whose per-turn usage the Stop hook reports. */
  readonly transcriptPath?: string;
}

/** What the hook decided, in client-neutral terms; each client adapter renders it in its contract. */
export type HookOutcome =
  | { readonly decision: "allow"; readonly context?: string }
  | { readonly decision: "deny"; readonly reason: string }
  /** Stop: keep the model going one more turn to read `reason` (the inbox). */
  | { readonly decision: "continue"; readonly reason: string };

export interface HookAnswer {
  readonly stdout: string;
  readonly exitCode: number;
}

export interface ClientAdapter {
  parse(event: string, input: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv): HookRequest;
  render(request: HookRequest, outcome: HookOutcome): HookAnswer;
  /** The answer when the hook gives up (hard timeout, unreadable input): let the client proceed. */
  allow(event: string): HookAnswer;
}

/** `PreToolUse`, `pre-tool-use` and `pretooluse` are one event. */
export function eventKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, "");
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function obj(value: unknown): Readonly<Record<string, unknown>> {
  if (typeof value === "string") {
    try {
      return obj(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** File paths in a tool's input, under the names the clients use. */
export function filesOf(input: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const key of ["file_path", "notebook_path", "path", "target_file", "filePath", "absolutePath"]) {
    const value = str(input[key]);
    if (value) out.push(value);
  }
  return [...new Set(out)];
}
