import { describe, expect, it } from "vitest";
import { median } from "./median.js";
import { meets, parseTarget } from "./target.js";

describe("median", () => {
  it("is the middle value of an odd count, whatever the order", () => {
    expect(median([2.4, 2.1, 2.2])).toBe(2.2);
    expect(median([7])).toBe(7);
  });

  it("is the mean of the two middle values of an even count, without float noise", () => {
    expect(median([2.1, 2.4])).toBe(2.25);
    expect(median([0.1, 0.2])).toBe(0.15);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it("is undefined for no values", () => {
    expect(median([])).toBeUndefined();
  });
});

describe("parseTarget", () => {
  it.each([
    ["< 250 µs", "µs", { subject: "value", op: "<", bound: 250 }],
    ["≥ 30 fps", "fps", { subject: "value", op: "≥", bound: 30 }],
    ["≤ 150 KB", "KB", { subject: "value", op: "≤", bound: 150 }],
    ["0", "events", { subject: "value", op: "=", bound: 0 }],
    ["≤ 2× floor", "ms", { subject: "ratio", op: "≤", bound: 2 }],
    ["≥ 0.8× floor", "calls/s", { subject: "ratio", op: "≥", bound: 0.8 }],
    ["< 1.03× floor", "ms", { subject: "ratio", op: "<", bound: 1.03 }],
    ["ratio ≤ 1.2", "ms", { subject: "ratio", op: "≤", bound: 1.2 }],
  ])("reads %s (unit %s)", (text, unit, target) => {
    expect(parseTarget(text, unit)).toEqual(target);
  });

  it("leaves a target with a second condition or another unit to the bench", () => {
    expect(parseTarget("< 1000 ms, all timed out", "ms")).toBeUndefined();
    expect(parseTarget("< 5 ms", "µs")).toBeUndefined();
    expect(parseTarget("every due consultation", "ms")).toBeUndefined();
  });

  it("compares with the operator it read", () => {
    expect(meets({ subject: "value", op: "<", bound: 5 }, 5)).toBe(false);
    expect(meets({ subject: "value", op: "≤", bound: 5 }, 5)).toBe(true);
    expect(meets({ subject: "value", op: "=", bound: 0 }, 0)).toBe(true);
  });
});
