import { describe, expect, it } from "vitest";
import { initialLoad } from "./initial-load.js";

describe("the built dashboard", () => {
  it("loads in at most 150 KB gzipped", () => {
    const files = initialLoad();
    const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
    console.log(
      files
        .map((f) => `${f.file}: ${(f.raw / 1024).toFixed(1)} KB raw, ${(f.gzip / 1024).toFixed(1)} KB gzip`)
        .join("\n") + `\ninitial load: ${(gzip / 1024).toFixed(1)} KB gzipped`,
    );
    expect(files.some((f) => f.file === "index.html")).toBe(true);
    expect(gzip).toBeLessThanOrEqual(150 * 1024);
  });
});
