import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureWritableDir } from "./data-dir.js";

describe("the data directory", () => {
  it("is created with its missing parents", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "mcpc-datadir-")), "a", "b", "data");
    ensureWritableDir(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it("is refused at once, in one line, under /proc (where Node's recursive mkdir spins forever)", () => {
    expect(() => ensureWritableDir("/proc/no-such/data")).toThrow(
      /^Data directory \/proc\/no-such\/data is not writable \(E[A-Z]+\); choose another with --data-dir or COORDINATOR_DATA_DIR\.$/,
    );
  });

  it("is refused when a file stands where a directory should be", () => {
    const file = join(mkdtempSync(join(tmpdir(), "mcpc-datadir-")), "file");
    writeFileSync(file, "");
    expect(() => ensureWritableDir(join(file, "data"))).toThrow(/ENOTDIR/);
  });
});
