import { describe, expect, it } from "vitest";
import { parsePackageArgs, parseRootArgs, UsageError } from "./args.js";

const message = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
};

describe("parseRootArgs", () => {
  it("defaults to one run, 15 minutes, no quick mode, and passes every other argument to turbo in order", () => {
    expect(parseRootArgs(["--", "--filter=a", "--filter", "b"], {})).toEqual({
      help: false,
      runs: 1,
      timeoutMinutes: 15,
      quick: false,
      out: undefined,
      turboArgs: ["--filter=a", "--filter", "b"],
    });
  });

  it("reads --runs, --timeout-minutes and --out in both forms, and --quick or BENCH_QUICK=1", () => {
    const options = parseRootArgs(["--runs", "3", "--timeout-minutes=0.5", "--out=/tmp/r.md", "--quick"], {});
    expect(options).toMatchObject({
      runs: 3,
      timeoutMinutes: 0.5,
      out: "/tmp/r.md",
      quick: true,
      turboArgs: [],
    });
    expect(parseRootArgs([], { BENCH_QUICK: "1" }).quick).toBe(true);
    expect(parseRootArgs(["--help"], {}).help).toBe(true);
  });

  it.each(["0", "10", "3.5", "two", "-1", ""])("refuses --runs=%s, naming the flag and the range", (runs) => {
    expect(message(() => parseRootArgs([`--runs=${runs}`], {}))).toBe(
      `--runs must be an integer from 1 to 9, not "${runs}"`,
    );
  });

  it.each(["0", "-2", "abc", "1e3", "2000", ""])("refuses --timeout-minutes=%s", (minutes) => {
    expect(message(() => parseRootArgs([`--timeout-minutes=${minutes}`], {}))).toBe(
      `--timeout-minutes must be a positive number of minutes up to 1440 (e.g. 15 or 0.5), not "${minutes}"`,
    );
  });

  it("refuses a flag without its value", () => {
    expect(message(() => parseRootArgs(["--runs"], {}))).toBe("--runs needs a value: an integer from 1 to 9");
    expect(message(() => parseRootArgs(["--runs", "--quick"], {}))).toMatch(/^--runs needs a value/);
  });
});

describe("parsePackageArgs", () => {
  it("takes the timeout from the flag, else from BENCH_TIMEOUT_MINUTES (set by the root runner), else 15", () => {
    expect(parsePackageArgs([], {}).timeoutMinutes).toBe(15);
    expect(parsePackageArgs([], { BENCH_TIMEOUT_MINUTES: "4" }).timeoutMinutes).toBe(4);
    expect(
      parsePackageArgs(["--", "--timeout-minutes", "2"], { BENCH_TIMEOUT_MINUTES: "4" }).timeoutMinutes,
    ).toBe(2);
  });

  it("names BENCH_TIMEOUT_MINUTES when it is the bad value, and refuses unknown arguments", () => {
    expect(message(() => parsePackageArgs([], { BENCH_TIMEOUT_MINUTES: "soon" }))).toMatch(
      /^BENCH_TIMEOUT_MINUTES must be a positive number of minutes/,
    );
    expect(message(() => parsePackageArgs(["--runs=3"], {}))).toMatch(/^unknown argument "--runs=3"/);
  });
});
