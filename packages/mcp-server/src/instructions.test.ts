import { describe, expect, it } from "vitest";
import { instructionsFor } from "./instructions.js";
import { toolsOf } from "./profiles.js";

describe("server instructions", () => {
  it.each(["full", "core"] as const)("stay under 2 KB and name only tools of the %s profile", (profile) => {
    const text = instructionsFor(profile);
    expect(Buffer.byteLength(text)).toBeLessThan(2048);
    const named = new Set(text.match(/\b[a-z]+(?:_[a-z]+)+\b/g));
    const tools = new Set(toolsOf(profile).map((t) => t.name));
    const notTools = new Set([
      "target_files",
      "depends_on_files",
      "target_modules",
      "thread_id",
      "agent_id",
      "gray_zone",
    ]);
    for (const name of named) if (!notTools.has(name)) expect(tools.has(name), name).toBe(true);
  });
});
