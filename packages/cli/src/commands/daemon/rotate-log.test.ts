import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rotateLog } from "./rotate-log.js";

describe("rotateLog", () => {
  it("copies a log over the size to .1, shifts older ones and truncates in place", () => {
    const log = join(mkdtempSync(join(tmpdir(), "log-")), "server.log");
    writeFileSync(log, "small");
    expect(rotateLog(log, 100, 2)).toBe(false);
    writeFileSync(log, "a".repeat(200));
    expect(rotateLog(log, 100, 2)).toBe(true);
    writeFileSync(log, "b".repeat(200));
    expect(rotateLog(log, 100, 2)).toBe(true);
    expect(statSync(log).size).toBe(0);
    expect(readFileSync(`${log}.1`, "utf8")).toBe("b".repeat(200));
    expect(readFileSync(`${log}.2`, "utf8")).toBe("a".repeat(200));
    expect(existsSync(`${log}.3`)).toBe(false);
  });
});
