import type { Clock } from "@mcp-coordinator/core";
import { describe, expect, it } from "vitest";
import { MetadataClientCache } from "./metadata-client-cache.js";

/** A clock the test moves by hand (core's test kit stays out of auth's sources). */
class ManualClock implements Clock {
  private current = 1_700_000_000_000;
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  setTimer(): () => void {
    return () => {};
  }
}

const client = (name: string) => ({
  clientName: name,
  redirectUris: ["http://localhost/cb"],
  grantTypes: ["authorization_code"],
});

describe("the cache of client metadata documents", () => {
  it("holds a document until its lifetime ends", () => {
    const clock = new ManualClock();
    const cache = new MetadataClientCache(clock, 10);
    cache.set("https://a.test/c.json", client("A"), 60_000);
    clock.advance(59_999);
    expect(cache.get("https://a.test/c.json")?.clientName).toBe("A");
    clock.advance(1);
    expect(cache.get("https://a.test/c.json")).toBeNull();
  });

  it("keeps nothing with a zero lifetime, and drops what it held before", () => {
    const cache = new MetadataClientCache(new ManualClock(), 10);
    cache.set("https://a.test/c.json", client("A"), 60_000);
    cache.set("https://a.test/c.json", client("A2"), 0);
    expect(cache.get("https://a.test/c.json")).toBeNull();
  });

  it("never holds more than its bound: a flood of URLs pushes out the least recently used", () => {
    const cache = new MetadataClientCache(new ManualClock(), 2);
    cache.set("https://a.test/1", client("1"), 60_000);
    cache.set("https://a.test/2", client("2"), 60_000);
    expect(cache.get("https://a.test/1")?.clientName).toBe("1");
    cache.set("https://a.test/3", client("3"), 60_000);
    expect(cache.size).toBe(2);
    expect(cache.get("https://a.test/2")).toBeNull();
    expect(cache.get("https://a.test/1")?.clientName).toBe("1");
    expect(cache.get("https://a.test/3")?.clientName).toBe("3");
  });
});
