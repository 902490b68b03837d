import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

/** The bare imports `entry` reaches through its relative imports (type-only imports included). */
function packagesReached(entry: string): Set<string> {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(
      /(?:import|export)[^'"]*?from\s*["']([^"']+)["']/g,
    )) {
      const spec = match[1] as string;
      if (spec.startsWith(".")) visit(join(dirname(file), spec.replace(/\.js$/, ".ts")));
      else packages.add(spec);
    }
  };
  visit(entry);
  return packages;
}

describe("what each entry point pulls in", () => {
  it("the root runs in browsers: core/wire and zod only, no node:* and no mqtt", () => {
    expect([...packagesReached(join(src, "index.ts"))].sort()).toEqual(["@mcp-coordinator/core/wire", "zod"]);
  });

  it("/mqtt depends on core/wire and mqtt only", () => {
    expect([...packagesReached(join(src, "mqtt/index.ts"))].sort()).toEqual([
      "@mcp-coordinator/core/wire",
      "mqtt",
    ]);
  });

  it("/node adds Node built-ins only", () => {
    const extra = [...packagesReached(join(src, "node/index.ts"))].filter(
      (p) => !["@mcp-coordinator/core/wire", "zod"].includes(p),
    );
    expect(extra.every((p) => p.startsWith("node:"))).toBe(true);
  });
});
