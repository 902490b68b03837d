import { describe, expect, it } from "vitest";
import { cacheLifetimeMs } from "./cache-lifetime.js";

const url = new URL("https://claude.ai/oauth/claude-code-client-metadata");
const bounds = { defaultMs: 300_000, maxMs: 86_400_000 };
/** http-cache-semantics counts from the moment the policy is built: a few ms pass inside the call. */
const about = (ms: number) => expect.toSatisfy((v: number) => v <= ms && v > ms - 1_000);
const lifetime = (headers: Record<string, string>, status = 200) =>
  cacheLifetimeMs(url, { status, headers, body: "{}" }, bounds);

describe("how long a client metadata document is reused", () => {
  it("follows max-age", () => {
    expect(lifetime({ "cache-control": "public, max-age=600" })).toEqual(about(600_000));
  });

  it("never keeps one past the upper bound", () => {
    expect(lifetime({ "cache-control": "max-age=31536000" })).toBe(86_400_000);
  });

  it("does not keep one marked no-store or no-cache, or max-age=0", () => {
    expect(lifetime({ "cache-control": "no-store" })).toBe(0);
    expect(lifetime({ "cache-control": "no-cache" })).toBe(0);
    expect(lifetime({ "cache-control": "max-age=0" })).toBe(0);
  });

  it("counts the Age the response already has", () => {
    expect(lifetime({ "cache-control": "max-age=600", age: "100" })).toEqual(about(500_000));
  });

  it("uses the default lifetime when the response says nothing about freshness", () => {
    expect(lifetime({})).toBe(300_000);
  });

  it("honours an Expires date in the past", () => {
    expect(lifetime({ date: new Date().toUTCString(), expires: "Thu, 01 Jan 1970 00:00:00 GMT" })).toBe(0);
  });
});
