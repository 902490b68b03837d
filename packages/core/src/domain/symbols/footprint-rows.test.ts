import { describe, expect, it } from "vitest";
import { footprintFromNames, footprintToNames } from "./footprint-rows.js";

describe("footprint rows", () => {
  it("stores shared state as (module) next to the symbols", () => {
    expect(footprintToNames({ symbols: ["a", "b"], sharedState: true })).toEqual(["a", "b", "(module)"]);
    expect(footprintToNames({ symbols: ["a"], sharedState: false })).toEqual(["a"]);
    expect(footprintToNames({ symbols: [], sharedState: true })).toEqual(["(module)"]);
  });

  it("reads stored names back sorted and without duplicates", () => {
    expect(footprintFromNames(["b", "(module)", "a", "b"])).toEqual({
      symbols: ["a", "b"],
      sharedState: true,
    });
    expect(footprintFromNames(new Set(["z"]))).toEqual({ symbols: ["z"], sharedState: false });
  });

  it("round-trips a footprint", () => {
    const footprint = { symbols: ["Session.refresh", "login"], sharedState: true };
    expect(footprintFromNames(footprintToNames(footprint))).toEqual(footprint);
  });
});
