import type { HookClient } from "./repo-identity.js";

/** What a client's hook event means for coordination, whatever the client calls it. */
export type HookKind =
  | "session-start"
  | "pre-edit"
  | "post-edit"
  /** A tool that writes nothing: only what waits for the model (a digest not delivered yet) matters. */
  | "tool"
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
  /**
   * A shell command whose written files cannot be read off the command line (a script, a build): nothing
   * to check before it runs, and afterwards the files it changed are found in the working tree.
   */
  readonly opaqueShell?: boolean;
  /** Claude Code: the session's JSONL transcript, whose per-turn usage the Stop hook reports. */
  readonly transcriptPath?: string;
  /**
   * Where the session digest first reaches the model, when the client discards what its session-start
   * hook prints (the Cline 3.x CLI): the first tool hook of the session carries it.
   */
  readonly digestAt?: "first-tool";
  /** After an edit: what the file was before it, when the client says (see edit-texts). */
  readonly edit?: EditFacts;
}

/** What a client tells about an edit, enough to rebuild the file's text before it. */
export interface EditFacts {
  /** The whole file before the edit; null when the edit created it; undefined when not told. */
  readonly original: string | null | undefined;
  /** The replacements made, in order (Edit / MultiEdit). */
  readonly replacements: ReadonlyArray<{ oldText: string; newText: string; all: boolean }>;
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

/**
 * Where a client shows the model what a hook says about a tool call. Claude Code and Codex show
 * pre-tool context; Gemini CLI and opencode only post-tool output; Qwen Code only prompt-time context
 * (its UserPromptSubmit fires before every model turn). Warnings wait there until they can be seen.
 */
export type ToolContextAt = "pre-edit" | "post-edit" | "prompt";

export interface ClientAdapter {
  readonly toolContextAt: ToolContextAt;
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
