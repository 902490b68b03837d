import { describe, expect, it } from "vitest";
import { TokenError } from "../errors.js";
import { createTokenManager, type Refresher } from "./token-manager.js";
import { MemoryTokenStore, type StoredToken } from "./token-store.js";

function setup(token: StoredToken | null, refresher?: Refresher) {
  let clock = 1_000_000;
  const calls: StoredToken[] = [];
  const store = new MemoryTokenStore(token);
  const manager = createTokenManager({
    store,
    refresher:
      refresher ??
      (async (current) => {
        calls.push(current);
        await new Promise((r) => setTimeout(r, 5));
        return {
          access_token: `a${calls.length + 1}`,
          refresh_token: `r${calls.length + 1}`,
          expires_at: clock + 3_600_000,
        };
      }),
    refreshBeforeMs: 60_000,
    jitterMs: 10_000,
    random: () => 0.5, // margin = 60 s + 5 s
    now: () => clock,
  });
  return { manager, store, calls, advance: (ms: number) => (clock += ms) };
}

describe("createTokenManager", () => {
  it("refreshes only inside the refresh window (before expiry, minus jitter)", async () => {
    const t = setup({ access_token: "a1", refresh_token: "r1", expires_at: 1_000_000 + 100_000 });
    expect(await t.manager.accessToken()).toBe("a1");
    t.advance(100_000 - 65_001);
    expect(await t.manager.accessToken()).toBe("a1");
    t.advance(1);
    expect(await t.manager.accessToken()).toBe("a2");
    expect(t.calls.map((c) => c.refresh_token)).toEqual(["r1"]);
    expect((await t.store.load())?.refresh_token).toBe("r2");
  });

  it("shares one refresh between concurrent callers", async () => {
    const t = setup({ access_token: "a1", refresh_token: "r1", expires_at: 0 });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => t.manager.accessToken()));
    expect(new Set(tokens)).toEqual(new Set(["a2"]));
    expect(t.calls.length).toBe(1);
  });

  it("never refreshes a token without an expiry unless asked, and refresh() forces one", async () => {
    const t = setup({ access_token: "a1", refresh_token: "r1" });
    expect(await t.manager.accessToken()).toBe("a1");
    expect((await t.manager.refresh()).access_token).toBe("a2");
    expect(t.calls.length).toBe(1);
  });

  it("says NO_TOKEN on an empty store and REFRESH_FAILED when the refresher throws", async () => {
    await expect(setup(null).manager.accessToken()).rejects.toMatchObject({ code: "NO_TOKEN" });
    const failing = setup({ access_token: "a1", expires_at: 0 }, async () => {
      throw new Error("invalid_grant");
    });
    const error = await failing.manager.accessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect(error).toMatchObject({
      code: "REFRESH_FAILED",
      message: expect.stringContaining("invalid_grant"),
    });
    expect((await failing.store.load())?.access_token).toBe("a1");
  });

  it("refuses a refresher answer without an access token", async () => {
    const t = setup({ access_token: "a1", expires_at: 0 }, async () => ({ access_token: "" }));
    await expect(t.manager.accessToken()).rejects.toMatchObject({ code: "REFRESH_FAILED" });
  });
});
