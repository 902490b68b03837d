import { describe, expect, it } from "vitest";
import { computeCoChange, parseGitLog } from "./compute-co-change.js";
import { compileDenylist, DEFAULT_DENYLIST, globToRegExp } from "./glob-to-regexp.js";

const none = () => false;

describe("computeCoChange", () => {
  it("computes strength as together / commits of the file (asymmetric)", () => {
    const index = computeCoChange(
      [["a.ts", "b.ts"], ["a.ts", "b.ts"], ["a.ts"], ["a.ts"], ["b.ts", "a.ts"]],
      { maxFilesPerCommit: 50, isDenied: none },
    );
    expect(index.partners.get("a.ts")).toEqual([
      { file: "a.ts", partner: "b.ts", together: 3, fileCommits: 5, strength: 0.6 },
    ]);
    expect(index.partners.get("b.ts")?.[0]?.strength).toBe(1);
    expect(index.pairCount).toBe(2);
  });

  it("skips bulk commits, denied files and pairs seen only once", () => {
    const bulk = Array.from({ length: 60 }, (_, i) => `f${i}.ts`);
    const index = computeCoChange(
      [bulk, bulk, ["x.ts", "pnpm-lock.yaml"], ["x.ts", "pnpm-lock.yaml"], ["x.ts", "y.ts"]],
      { maxFilesPerCommit: 50, isDenied: compileDenylist(DEFAULT_DENYLIST) },
    );
    expect(index.commitsSkipped).toBe(2);
    expect(index.partners.size).toBe(0);
  });
});

describe("parseGitLog", () => {
  it("splits records on RS and keeps the file lines", () => {
    expect(parseGitLog("\x1eabc\n\nsrc/a.ts\nsrc/b.ts\n\x1edef\n\nsrc/c.ts\n")).toEqual([
      ["src/a.ts", "src/b.ts"],
      ["src/c.ts"],
    ]);
  });
});

describe("globToRegExp", () => {
  it("matches names at any depth, ** across segments and * within one", () => {
    expect(globToRegExp("yarn.lock").test("packages/x/yarn.lock")).toBe(true);
    expect(globToRegExp("**/dist/**").test("packages/cli/dist/bin.js")).toBe(true);
    expect(globToRegExp("**/dist/**").test("dist/bin.js")).toBe(true);
    expect(globToRegExp("src/*.ts").test("src/a/b.ts")).toBe(false);
    expect(globToRegExp("*.min.js").test("public/app.min.js")).toBe(true);
    expect(globToRegExp("src/a?.ts").test("src/ab.ts")).toBe(true);
  });
});
