import { describe, expect, it } from "vitest";
import { createKeyedLock } from "./keyed-lock.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("createKeyedLock", () => {
  it("runs work for one key one at a time, in arrival order", async () => {
    const lock = createKeyedLock();
    const seen: string[] = [];
    let running = 0;
    let most = 0;
    const job = (name: string) =>
      lock.run("family-1", async () => {
        running += 1;
        most = Math.max(most, running);
        await tick();
        seen.push(name);
        running -= 1;
      });
    await Promise.all([job("a"), job("b"), job("c")]);
    expect(most).toBe(1);
    expect(seen).toEqual(["a", "b", "c"]);
  });

  it("runs work for different keys side by side", async () => {
    const lock = createKeyedLock();
    let running = 0;
    let most = 0;
    const job = (key: string) =>
      lock.run(key, async () => {
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
      });
    await Promise.all([job("a"), job("b")]);
    expect(most).toBe(2);
  });

  it("lets the next caller run after a failure, and hands each caller its own outcome", async () => {
    const lock = createKeyedLock();
    const failed = lock.run("k", async () => {
      throw new Error("upstream down");
    });
    const next = lock.run("k", async () => "ok");
    await expect(failed).rejects.toThrow("upstream down");
    await expect(next).resolves.toBe("ok");
  });
});
