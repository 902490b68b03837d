import { describe, expect, it } from "vitest";
import { isSymbolName, parseTargetSymbols, SHARED_STATE_SYMBOL } from "./parse-target-symbols.js";

const same = (path: string) => path;
const asObject = (map: Map<string, unknown>) => Object.fromEntries(map);

describe("parseTargetSymbols", () => {
  it("maps path#name to that file and a bare name to every target file, sorted and once", () => {
    const footprints = parseTargetSymbols(
      ["src/a.ts#run", "stop", "src/a.ts#Session.refresh", "src/a.ts#stop", " src/b.ts# go "],
      ["src/a.ts", "src/b.ts"],
      (path) => path.trim(),
    );
    expect(asObject(footprints)).toEqual({
      "src/a.ts": { symbols: ["Session.refresh", "run", "stop"], sharedState: false },
      "src/b.ts": { symbols: ["go", "stop"], sharedState: false },
    });
  });

  it("spells the file's shared state (module) and needs no other symbol for it", () => {
    const footprints = parseTargetSymbols([`src/a.ts#${SHARED_STATE_SYMBOL}`], ["src/a.ts"], same);
    expect(asObject(footprints)).toEqual({ "src/a.ts": { symbols: [], sharedState: true } });
  });

  it("maps the path as the target files were mapped, and splits at the last #", () => {
    const footprints = parseTargetSymbols(
      ["./src\\a.ts#run", "docs/c#sharp.ts#main"],
      ["src/a.ts", "docs/c#sharp.ts"],
      (path) => path.replace(/^\.\//, "").replaceAll("\\", "/"),
    );
    expect(asObject(footprints)).toEqual({
      "src/a.ts": { symbols: ["run"], sharedState: false },
      "docs/c#sharp.ts": { symbols: ["main"], sharedState: false },
    });
  });

  it("refuses an entry that names no symbol, saying how to write one", () => {
    for (const entry of ["src/a.ts#", "src/a.ts#login()", "src/a.ts#a..b", "1st"]) {
      expect(() => parseTargetSymbols([entry], ["src/a.ts"], same)).toThrow(
        expect.objectContaining({ code: "VALIDATION_FAILED", message: expect.stringContaining("path#name") }),
      );
    }
  });

  it("refuses a bare name without target files and a path outside them", () => {
    expect(() => parseTargetSymbols(["run"], [], same)).toThrow(/names no file and target_files is empty/);
    expect(() => parseTargetSymbols(["src/b.ts#run"], ["src/a.ts"], same)).toThrow(
      /src\/b\.ts, which is not in target_files/,
    );
  });

  it("gives no footprint for no entries", () => {
    expect(parseTargetSymbols([], ["src/a.ts"], same).size).toBe(0);
  });
});

describe("isSymbolName", () => {
  it("accepts identifiers of the supported languages, dotted members and (module)", () => {
    for (const name of ["login", "_private", "$store", "Session.refresh", "A.b.c2", "(module)"])
      expect(isSymbolName(name)).toBe(true);
  });

  it("rejects anything else, and names longer than 200 characters", () => {
    for (const name of ["", "2fa", "a.", ".a", "a..b", "login()", "a-b", "a b", "(other)"])
      expect(isSymbolName(name)).toBe(false);
    expect(isSymbolName("a".repeat(200))).toBe(true);
    expect(isSymbolName("a".repeat(201))).toBe(false);
  });
});
