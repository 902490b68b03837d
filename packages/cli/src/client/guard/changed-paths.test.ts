import { describe, expect, it } from "vitest";
import { parseNameStatus } from "./changed-paths.js";

describe("parseNameStatus", () => {
  it("reads -z output: both sides of renames and copies, spaces and unicode intact", () => {
    const out = [
      "M",
      "src/a.ts",
      "R087",
      "src/old name.ts",
      "src/new name.ts",
      "A",
      "docs/ü ñ.md",
      "C100",
      "x",
      "y",
      "",
    ].join("\0");
    expect(parseNameStatus(out)).toEqual([
      "src/a.ts",
      "src/old name.ts",
      "src/new name.ts",
      "docs/ü ñ.md",
      "x",
      "y",
    ]);
  });

  it("is empty for nothing staged", () => {
    expect(parseNameStatus("")).toEqual([]);
  });
});
