import type { Actor, Coordinator, OrgScope } from "@mcp-coordinator/core";
import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";

/** What a tool's `run` gets: the coordinator, the caller's org, and the session's identity. */
export interface ToolContext {
  readonly coordinator: Coordinator;
  readonly scope: OrgScope;
  /**
   * The session's agent as an Actor. Refuses when the session has not registered, or when `agentIdArg`
   * names another agent (see session-identity.ts).
   */
  actor(agentIdArg?: string): Promise<Actor>;
  /** The session's agent id, or null before register_agent. */
  readonly agentId: string | null;
  /** register_agent: the id to register as (the session's own, or the requested one); refuses a switch. */
  registrationId(requested: string | undefined): string | undefined;
  /** register_agent fixes the session's agent. */
  bind(agentId: string): void;
  readonly signal: AbortSignal;
}

/**
 * A result may be built from core's readonly records (`toWire` keeps them readonly); the schema's
 * inferred type has mutable arrays. Reading it deeply readonly accepts both.
 */
type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export interface ToolOutcome<O> {
  /** The structured result (wire form, snake_case), checked against the output schema before it is sent. */
  readonly data: DeepReadonly<O>;
  /** One or two lines a model reads first. */
  readonly summary: string;
}

type Shape = z.ZodObject;

export interface ToolDefinition<I extends Shape = Shape, O extends Shape = Shape> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: I;
  /** From core/wire's TOOL_OUTPUTS: listed as the tool's outputSchema, and what structuredContent must match. */
  readonly output: O;
  readonly annotations: ToolAnnotations;
  run(args: z.output<I>, context: ToolContext): Promise<ToolOutcome<z.input<O>>>;
}

/**
 * One tool: its schemas, annotations and the thin mapping onto a core use case. The server does the
 * rest in one place (validation, error mapping, the inbox footer).
 */
export function defineTool<I extends Shape, O extends Shape>(
  definition: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return definition;
}

/** Annotations for a tool that only reads (Claude Code's plan mode allows these). */
export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, openWorldHint: false };

/** Annotations for a tool that changes coordination state. */
export function writes(options: { idempotent: boolean; destructive?: boolean }): ToolAnnotations {
  return {
    readOnlyHint: false,
    destructiveHint: options.destructive ?? false,
    idempotentHint: options.idempotent,
    openWorldHint: false,
  };
}
