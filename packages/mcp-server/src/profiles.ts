import type { ToolDefinition } from "./define-tool.js";
import { ALL_TOOLS } from "./tools/all-tools.js";

/**
 * Every tool definition costs context tokens on every turn. `full` is everything; `core` is the lean set
 * that covers the announce → consult → resolve loop: register, announce, thread participation, inbox,
 * status.
 */
export type ToolProfile = "full" | "core";

export const PROFILES: readonly ToolProfile[] = ["full", "core"];

const CORE_TOOLS = new Set([
  "register_agent",
  "announce_work",
  "get_thread",
  "post_to_thread",
  "propose_resolution",
  "approve_resolution",
  "get_queued_messages",
  "coordinator_status",
]);

export function toolsOf(profile: ToolProfile): readonly ToolDefinition[] {
  return profile === "full" ? ALL_TOOLS : ALL_TOOLS.filter((tool) => CORE_TOOLS.has(tool.name));
}

export function isToolProfile(value: unknown): value is ToolProfile {
  return value === "full" || value === "core";
}
