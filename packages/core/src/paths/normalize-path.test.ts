import { describe, expect, it } from "vitest";
import { ancestorsOf, modulesOverlap, normalizeModule, normalizePath } from "./normalize-path.js";

describe("normalizePath", () => {
  it("turns relative paths into clean POSIX repo paths", () => {
    expect(normalizePath("./src/a.ts")).toBe("src/a.ts");
    expect(normalizePath("src\\models\\user.ts")).toBe("src/models/user.ts");
    expect(normalizePath("src//x/../y.ts ")).toBe("src/y.ts");
  });

  it("makes absolute paths under the repo root relative", () => {
    expect(normalizePath("/work/repo/src/a.ts", "/work/repo")).toBe("src/a.ts");
    expect(normalizePath("/work/repo/src/a.ts", "/work/repo/")).toBe("src/a.ts");
    expect(normalizePath("C:\\repo\\src\\a.ts", "C:\\repo")).toBe("src/a.ts");
  });

  it("refuses paths outside the repo with PATH_OUTSIDE_REPO", () => {
    for (const [path, root] of [
      ["../secret", null],
      ["/etc/passwd", "/work/repo"],
      ["/work/repository/x.ts", "/work/repo"],
      ["/abs/without/root.ts", null],
      ["/work/repo", "/work/repo"],
    ] as const) {
      expect(() => normalizePath(path, root)).toThrow(expect.objectContaining({ code: "PATH_OUTSIDE_REPO" }));
    }
  });

  it("refuses empty paths, the root itself and NUL bytes with VALIDATION_FAILED", () => {
    for (const path of ["", "  ", ".", "a/..", "a\0b"]) {
      expect(() => normalizePath(path)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
    }
  });
});

describe("modules", () => {
  it("normalises module prefixes and refuses empty ones", () => {
    expect(normalizeModule("src/auth/")).toBe("src/auth");
    expect(() => normalizeModule("./")).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });

  it("overlap is segment-wise in both directions", () => {
    expect(modulesOverlap("src/auth", "src/auth/jwt")).toBe(true);
    expect(modulesOverlap("src/auth/jwt", "src/auth")).toBe(true);
    expect(modulesOverlap("src/auth", "src/authz")).toBe(false);
    expect(ancestorsOf("a/b/c")).toEqual(["a/b", "a"]);
    expect(ancestorsOf("a")).toEqual([]);
  });
});

describe("hostile paths and modules", () => {
  it("treat café.ts in NFC and NFD as one file", () => {
    const nfc = "src/caf\u00e9.ts";
    const nfd = "src/cafe\u0301.ts";
    expect(normalizePath(nfd)).toBe(nfc);
    expect(normalizePath(nfc)).toBe(nfc);
    expect(normalizeModule("lib/cafe\u0301")).toBe("lib/caf\u00e9");
  });

  it("refuse NUL and control characters with VALIDATION_FAILED", () => {
    for (const bad of ["a\u0000.ts", "a\n.ts", "a\u001b.ts"]) {
      expect(() => normalizePath(bad)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
      expect(() => normalizeModule(bad)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
    }
  });

  it("refuse a module that is absolute or climbs out of the repo", () => {
    for (const bad of ["/etc/passwd", "C:/Windows", "\\\\server\\share", "../secrets", "src/../../x"]) {
      expect(() => normalizeModule(bad), bad).toThrow(expect.objectContaining({ code: "PATH_OUTSIDE_REPO" }));
    }
  });
});
