import { describe, expect, it } from "vitest";
import { parseSince } from "./parse-since.js";

describe("parseSince", () => {
  const now = Date.parse("2026-02-01T00:00:00Z");
  it("reads durations back from now and ISO instants", () => {
    expect(parseSince("24h", now)).toBe(now - 86_400_000);
    expect(parseSince("15m", now)).toBe(now - 900_000);
    expect(parseSince("2026-01-31T12:00:00Z", now)).toBe(Date.parse("2026-01-31T12:00:00Z"));
  });
  it("refuses anything else, saying what is accepted", () => {
    expect(() => parseSince("yesterday", now)).toThrow(/ISO date .* nor a duration/);
    expect(() => parseSince("2026-13-45", now)).toThrow(/--since "2026-13-45"/);
    expect(() => parseSince("-5h", now)).toThrow();
  });
});
