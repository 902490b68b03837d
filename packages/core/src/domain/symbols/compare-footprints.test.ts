import { describe, expect, it } from "vitest";
import type { SymbolFootprint } from "../../model/symbols.js";
import { compareFootprints, mergeFootprints } from "./compare-footprints.js";

const fp = (symbols: string[], sharedState = false): SymbolFootprint => ({ symbols, sharedState });

describe("compareFootprints", () => {
  it("is unknown when either side said or showed no symbols", () => {
    expect(compareFootprints(undefined, fp(["a"]))).toEqual({ kind: "unknown" });
    expect(compareFootprints(fp(["a"]), undefined)).toEqual({ kind: "unknown" });
    expect(compareFootprints(fp([]), fp(["a"]))).toEqual({ kind: "unknown" });
    expect(compareFootprints(fp(["a"]), fp([]))).toEqual({ kind: "unknown" });
  });

  it("counts a class and one of its methods as the same symbol, either way round", () => {
    expect(compareFootprints(fp(["Session"]), fp(["Session.refresh"]))).toEqual({
      kind: "overlap",
      symbols: ["Session"],
    });
    expect(compareFootprints(fp(["Session.refresh"]), fp(["Session"]))).toEqual({
      kind: "overlap",
      symbols: ["Session.refresh"],
    });
  });

  it("does not take a name that merely starts like another for the same symbol", () => {
    expect(compareFootprints(fp(["Session"]), fp(["SessionStore"])).kind).toBe("disjoint");
    expect(compareFootprints(fp(["Session.refresh"]), fp(["Session.refreshAll"])).kind).toBe("disjoint");
  });

  it("lists overlapping symbols once, sorted", () => {
    expect(compareFootprints(fp(["b", "a", "b", "c"]), fp(["a", "b"]))).toEqual({
      kind: "overlap",
      symbols: ["a", "b"],
    });
  });

  it("calls different symbols shared_state when either side touches the file's shared state", () => {
    expect(compareFootprints(fp(["login"], true), fp(["logout"]))).toEqual({
      kind: "shared_state",
      mine: ["login"],
      theirs: ["logout"],
    });
    // Shared state alone is a footprint: it overlaps with everything but names no symbol.
    expect(compareFootprints(fp(["login"]), fp([], true))).toEqual({
      kind: "shared_state",
      mine: ["login"],
      theirs: [],
    });
  });

  it("calls different symbols without shared state disjoint, naming both sides sorted and deduplicated", () => {
    expect(compareFootprints(fp(["z", "b", "z"]), fp(["y", "a"]))).toEqual({
      kind: "disjoint",
      mine: ["b", "z"],
      theirs: ["a", "y"],
    });
  });

  it("prefers overlap to shared state", () => {
    expect(compareFootprints(fp(["a"], true), fp(["a"], true)).kind).toBe("overlap");
  });
});

describe("mergeFootprints", () => {
  it("keeps the one side when the other is missing", () => {
    const a = fp(["a"]);
    expect(mergeFootprints(a, undefined)).toBe(a);
    expect(mergeFootprints(undefined, a)).toBe(a);
    expect(mergeFootprints(undefined, undefined)).toBeUndefined();
  });

  it("unites the symbols (sorted, once) and the shared state", () => {
    expect(mergeFootprints(fp(["c", "a"]), fp(["b", "a"], true))).toEqual(fp(["a", "b", "c"], true));
    expect(mergeFootprints(fp(["a"]), fp(["a"]))).toEqual(fp(["a"], false));
  });
});
