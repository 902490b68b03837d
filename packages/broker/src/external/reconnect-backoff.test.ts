import { describe, expect, it } from "vitest";
import { ReconnectBackoff } from "./reconnect-backoff.js";

describe("ReconnectBackoff", () => {
  it("doubles up to the ceiling and starts over after a reset", () => {
    const backoff = new ReconnectBackoff({ initialMs: 100, maxMs: 1_000 }, () => 0.5);
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([
      200, 400, 800, 1_000, 1_000,
    ]);
    expect(backoff.reset()).toBe(100);
    expect(backoff.next()).toBe(200);
  });

  it("jitters by at most 20 %", () => {
    expect(new ReconnectBackoff({ initialMs: 100 }, () => 0).next()).toBe(160);
    expect(new ReconnectBackoff({ initialMs: 100 }, () => 0.999_999).next()).toBe(240);
  });
});
