import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as memory from "../src/memory/index.js";
import * as testing from "../src/testing/index.js";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

/** Every module `entry` reaches through imports (relative ones followed, bare ones collected). */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']/g)) {
      const spec = match[1] as string;
      if (spec.startsWith(".")) visit(join(dirname(file), spec.replace(/\.js$/, ".ts")));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe("@mcp-coordinator/core/memory", () => {
  it("reaches no test code: no vitest, nothing under testing/", () => {
    const graph = importGraph(join(src, "memory/index.ts"));
    // Only core's own runtime dependencies (zod; noble and json-canonicalize for the audit chain).
    const runtime = Object.keys(
      (JSON.parse(readFileSync(join(src, "../package.json"), "utf8")) as { dependencies: object })
        .dependencies,
    );
    const outside = [...graph.packages].filter(
      (p) => !runtime.some((dep) => p === dep || p.startsWith(`${dep}/`)),
    );
    expect(outside).toEqual([]);
    expect([...graph.files].filter((f) => f.includes(`${join(src, "testing")}`))).toEqual([]);
  });

  it("is what core/testing re-exports, so existing imports keep working", () => {
    expect(testing.MemoryStore).toBe(memory.MemoryStore);
    expect(testing.MemoryEventBus).toBe(memory.MemoryEventBus);
    expect(testing.ManualClock).toBe(memory.ManualClock);
    expect(testing.SequentialIds).toBe(memory.SequentialIds);
  });
});
