import { describe, expect, it } from "vitest";
import { descendantRange, equalOrAncestorKeys, moduleAndAncestors, modulesOverlap } from "./modules.js";

describe("module overlap helpers", () => {
  it("lists a module and its ancestors, nearest first", () => {
    expect(moduleAndAncestors("src/auth/jwt")).toEqual(["src/auth/jwt", "src/auth", "src"]);
    expect(moduleAndAncestors("src")).toEqual(["src"]);
  });

  it("deduplicates ancestors across query modules", () => {
    expect(equalOrAncestorKeys(["src/a/b", "src/a/c"]).sort()).toEqual([
      "src",
      "src/a",
      "src/a/b",
      "src/a/c",
    ]);
  });

  it("bounds exactly the descendants of a module", () => {
    const [low, high] = descendantRange("src/auth");
    const inRange = (s: string) => s >= low && s < high;
    expect(inRange("src/auth/jwt")).toBe(true);
    expect(inRange("src/auth/")).toBe(true);
    expect(inRange("src/auth")).toBe(false);
    expect(inRange("src/authz")).toBe(false);
    expect(inRange("src/auth-old/x")).toBe(false);
    expect(inRange("src/auth.ts")).toBe(false);
  });

  it("treats segment-wise prefixes as overlapping and look-alikes as not", () => {
    expect(modulesOverlap("src/auth", "src/auth/jwt")).toBe(true);
    expect(modulesOverlap("src/auth/jwt", "src/auth")).toBe(true);
    expect(modulesOverlap("src/auth", "src/authz")).toBe(false);
  });
});
