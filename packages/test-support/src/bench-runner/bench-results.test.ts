// scripts/bench-results.mjs's argument handling, which ends before any turbo run.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../../../../scripts/bench-results.mjs", import.meta.url));
const root = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });

describe("scripts/bench-results.mjs", () => {
  it("exits 2 with one line naming the flag on a bad --runs, before running anything", {
    timeout: 30_000,
  }, () => {
    const run = root("--", "--runs=10");
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('pnpm bench: --runs must be an integer from 1 to 9, not "10"');
  });

  it("describes its flags on --help", { timeout: 30_000 }, () => {
    const run = root("--help");
    expect(run.status).toBe(0);
    for (const flag of ["--runs=<n>", "--timeout-minutes=<m>", "--quick", "--out=<file>"])
      expect(run.stdout).toContain(flag);
  });
});
