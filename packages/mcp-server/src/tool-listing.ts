import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { ToolDefinition } from "./define-tool.js";
import type { ToolProfile } from "./profiles.js";
import { toolsOf } from "./profiles.js";

const cache = new Map<ToolProfile, Tool[]>();

/** The `tools/list` answer of a profile: JSON Schemas from the zod schemas, computed once per profile. */
export function listTools(profile: ToolProfile): Tool[] {
  let tools = cache.get(profile);
  if (!tools) {
    tools = toolsOf(profile).map(describeTool);
    cache.set(profile, tools);
  }
  return tools;
}

export function describeTool(tool: ToolDefinition): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchema(tool.input, "input") as Tool["inputSchema"],
    outputSchema: jsonSchema(tool.output, "output") as Tool["outputSchema"],
    annotations: tool.annotations,
  };
}

function jsonSchema(schema: z.ZodObject, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  if (io === "input") return compact(rest, INPUT_OMITTED) as Record<string, unknown>;
  return sketch(compact(rest, OUTPUT_OMITTED), 0) as Record<string, unknown>;
}

/** Objects below this depth (the result itself is depth 0) are listed as bare `{ type: "object" }`. */
const OUTPUT_DEPTH = 1;

/**
 * The full output contract is core/wire's schema (the server checks every result against it, and
 * clients import it); the listing only sketches it, because its size is paid on every turn: field names
 * and JSON types of the top level, without enums or descriptions. A sketch is looser than the contract,
 * so a client validating structuredContent against it still accepts every result.
 */
function sketch(node: unknown, depth: number): unknown {
  if (Array.isArray(node)) return node.map((item) => sketch(item, depth));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "enum" || key === "description") continue;
    if (key === "properties") {
      if (depth >= OUTPUT_DEPTH) continue;
      out[key] = Object.fromEntries(
        Object.entries(value as object).map(([name, inner]) => [name, sketch(inner, depth + 1)]),
      );
    } else {
      out[key] = sketch(value, depth);
    }
  }
  return out;
}

/**
 * Every tool definition is paid for in context tokens on every turn, so the listing leaves out what a
 * model does not need to call well. Inputs lose their length caps (the server still enforces them and
 * names the field when one is exceeded). Output schemas only sketch the shape: the server always fills
 * every field, so `required` and closed-object markers add nothing for the client.
 */
const INPUT_OMITTED = new Set(["maxLength", "maxItems", "minLength", "propertyNames"]);
const OUTPUT_OMITTED = new Set([...INPUT_OMITTED, "required", "additionalProperties"]);

function compact(node: unknown, omitted: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => compact(item, omitted));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (omitted.has(key)) continue;
    if (isEmptyObject(value) && (key === "additionalProperties" || key === "properties")) continue;
    out[key] =
      key === "properties"
        ? Object.fromEntries(
            Object.entries(value as object).map(([name, inner]) => [name, compact(inner, omitted)]),
          )
        : compact(value, omitted);
  }
  return out;
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
  );
}
