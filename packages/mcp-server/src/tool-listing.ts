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

function describeTool(tool: ToolDefinition): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchema(tool.input, "input") as Tool["inputSchema"],
    outputSchema: jsonSchema(tool.output, "output") as Tool["outputSchema"],
    annotations: { title: tool.title, ...tool.annotations },
  };
}

function jsonSchema(schema: z.ZodObject, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
}
