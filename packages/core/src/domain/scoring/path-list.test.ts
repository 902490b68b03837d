import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashPath, type PathList, pathListOf, toPathList } from "./path-list.js";
import { PathProbe } from "./path-probe.js";

function shared(mine: PathList, theirs: PathList): string[] {
  const out: number[] = [];
  new PathProbe(mine).shared(theirs, out);
  return out.map((i) => mine.paths[i] as string);
}

describe("PathProbe.shared", () => {
  it("finds exactly the paths both lists hold, once per occurrence in theirs, whatever their order", () => {
    const path = fc.constantFrom("src/a.ts", "src/b.ts", "src/c.ts", "lib/d.ts", "e.md", "f", "");
    fc.assert(
      fc.property(fc.uniqueArray(path), fc.array(path), (mine, theirs) => {
        const expected = theirs.filter((p) => mine.includes(p)).sort();
        expect(shared(toPathList(mine), toPathList(theirs)).sort()).toEqual(expected);
      }),
    );
  });

  it("tells apart different paths whose hashes collide", () => {
    expect(hashPath("src/f562789.ts")).toBe(hashPath("src/f779192.ts"));
    expect(hashPath("declinate")).toBe(hashPath("macallums"));
    const mine = toPathList(["src/f562789.ts", "declinate", "src/x.ts"]);
    expect(shared(mine, toPathList(["src/f779192.ts", "macallums"]))).toEqual([]);
    expect(shared(mine, toPathList(["src/f779192.ts", "src/f562789.ts", "macallums"]))).toEqual([
      "src/f562789.ts",
    ]);
  });

  it("handles runs of equal hashes on both sides", () => {
    const mine: PathList = { hashes: Uint32Array.of(5, 5, 9), paths: ["a", "b", "c"] };
    const theirs: PathList = { hashes: Uint32Array.of(1, 5, 5, 5), paths: ["z", "x", "b", "a"] };
    expect(shared(mine, theirs).sort()).toEqual(["a", "b"]);
  });

  it("finds every path of a side large enough to fill many slots", () => {
    const many = Array.from({ length: 300 }, (_, i) => `src/m${i % 7}/f${i}.ts`);
    const theirs = [...many.filter((_, i) => i % 3 === 0), "src/other.ts"];
    expect(shared(toPathList(many), toPathList(theirs)).sort()).toEqual(
      many.filter((_, i) => i % 3 === 0).sort(),
    );
  });

  it("clears the output before filling it", () => {
    const out = [7, 8, 9];
    new PathProbe(toPathList(["a"])).shared(toPathList([]), out);
    expect(out).toEqual([]);
  });
});

describe("pathListOf", () => {
  it("builds the sorted list once per list object", () => {
    const files = ["src/b.ts", "src/a.ts"];
    const list = pathListOf(files);
    expect(pathListOf(files)).toBe(list);
    expect(pathListOf([...files])).not.toBe(list);
    expect([...list.hashes]).toEqual([...list.hashes].sort((a, b) => a - b));
    expect([...list.paths].sort()).toEqual(["src/a.ts", "src/b.ts"]);
  });
});
