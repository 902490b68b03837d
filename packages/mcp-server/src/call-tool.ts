import type { Coordinator } from "@mcp-coordinator/core";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ToolContext, ToolDefinition } from "./define-tool.js";
import type { SessionIdentity } from "./session-identity.js";
import { describeFailure, describeInvalidArguments, type ToolFailure } from "./tool-error.js";

export type ToolLogger = (
  level: "debug" | "info" | "warn" | "error",
  message: string,
  data?: Record<string, unknown>,
) => void;

/** One finished tool call, for the host's metrics: which tool, how it ended, how long it took. */
export interface ToolCallRecord {
  readonly tool: string;
  /** `ok`, or the refusal's code (`VALIDATION_FAILED`, `THREAD_NOT_FOUND`, `INTERNAL`, …). */
  readonly outcome: string;
  readonly durationMs: number;
}

export type ToolCallObserver = (call: ToolCallRecord) => void;

export interface CallToolOptions {
  readonly coordinator: Coordinator;
  readonly identity: SessionIdentity;
  readonly signal: AbortSignal;
  readonly log: ToolLogger;
  readonly onToolCall?: ToolCallObserver;
}

/**
 * Runs one tool call: validates the arguments, runs the tool, checks its result against the tool's output
 * schema (core/wire), maps any refusal to an `isError` result,
 * and appends the inbox footer to every result of a registered session (last line of the text block, and
 * `inbox` in structuredContent). Never throws.
 */
export async function callTool(
  tool: ToolDefinition,
  args: unknown,
  options: CallToolOptions,
): Promise<CallToolResult> {
  const { coordinator, identity } = options;
  const started = performance.now();
  let result: CallToolResult;
  let outcome = "ok";
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success) {
    const described = describeInvalidArguments(tool.name, parsed.error);
    outcome = described.code;
    result = failure(described);
  } else {
    const context: ToolContext = {
      coordinator,
      scope: { orgId: identity.orgId, userId: identity.principal.userId },
      get agentId() {
        return identity.agentId;
      },
      actor: (agentIdArg) => identity.actor(coordinator, agentIdArg),
      registrationId: (requested) => identity.registrationId(requested),
      bind: (agentId) => identity.bind(agentId),
      signal: options.signal,
    };
    try {
      const answer = await tool.run(parsed.data, context);
      // register_agent's answer acknowledges the binding: it must be recorded where another instance
      // continuing this session will read it.
      await identity.settled();
      // What McpServer.validateToolOutput does for tools it registers (ours are served by our own
      // handler): an answer outside the declared outputSchema is a server bug, never sent as a success.
      const checked = tool.output.safeParse(answer.data);
      if (!checked.success) {
        throw new Error(`${tool.name} answered outside its output schema: ${checked.error.message}`);
      }
      result = {
        content: [{ type: "text", text: `${answer.summary}\n${JSON.stringify(answer.data)}` }],
        structuredContent: answer.data as Record<string, unknown>,
      };
    } catch (error) {
      const described = describeFailure(error);
      if (described.code === "INTERNAL") {
        options.log("error", `tool ${tool.name} failed`, {
          error: error instanceof Error ? error.stack : String(error),
        });
      }
      outcome = described.code;
      result = failure(described);
    }
  }
  // Measured before the inbox footer: the footer is a separate read, not the tool's work.
  options.onToolCall?.({ tool: tool.name, outcome, durationMs: performance.now() - started });
  return withInboxFooter(result, options);
}

function failure({ code, message }: ToolFailure): CallToolResult {
  return { content: [{ type: "text", text: `${code}: ${message}` }], isError: true };
}

/**
 * Coding clients do not show notifications to the model, so whatever waits in the agent's inbox is
 * announced in the result itself, as one last line.
 */
async function withInboxFooter(result: CallToolResult, options: CallToolOptions): Promise<CallToolResult> {
  const agentId = options.identity.agentId;
  if (agentId === null) return result;
  try {
    const digest = await options.coordinator.inboxDigest({ orgId: options.identity.orgId, agentId });
    if (digest.line === null) return result;
    const [first, ...rest] = result.content;
    const content =
      first?.type === "text"
        ? [{ ...first, text: `${first.text}\n${digest.line}` }, ...rest]
        : [...result.content, { type: "text" as const, text: digest.line }];
    // Some clients (Claude Code among them) show the model structuredContent instead of the text block
    // when both are present, so the footer rides in both. Output schemas leave extra keys open.
    return result.structuredContent
      ? { ...result, content, structuredContent: { ...result.structuredContent, inbox: digest.line } }
      : { ...result, content };
  } catch (error) {
    options.log("warn", "inbox digest failed", { error: String(error) });
    return result;
  }
}
