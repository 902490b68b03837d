import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createClient, TokenError } from "../src/index.js";
import { createFileLock, FileTokenStore } from "../src/node/index.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "sdk-tokens-"));

describe("FileTokenStore", () => {
  it("writes one 0600 file per server and user, atomically, and reads it back", async () => {
    const dir = join(tempDir(), "tokens");
    const a = new FileTokenStore({ server: "http://127.0.0.1:3100", user: "ann", dir });
    const b = new FileTokenStore({ server: "http://127.0.0.1:3100/", user: "bob", dir });
    const c = new FileTokenStore({ server: "https://coord.example", user: "ann", dir });
    expect(new Set([a.path, b.path, c.path]).size).toBe(3);
    expect(await a.load()).toBeNull();
    await a.save({ access_token: "t1", refresh_token: "r1", expires_at: 5 });
    await a.save({ access_token: "t2", refresh_token: "r2", expires_at: 6 });
    expect(await a.load()).toEqual({ access_token: "t2", refresh_token: "r2", expires_at: 6 });
    expect(await b.load()).toBeNull();
    expect(statSync(a.path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir)).toEqual([a.path.slice(dir.length + 1)]); // no temp file left behind
    await a.clear();
    await a.clear();
    expect(await a.load()).toBeNull();
  });

  it("refuses a file that is not a token, and a bad server or user", async () => {
    const dir = tempDir();
    const store = new FileTokenStore({ server: "http://h:1", dir });
    writeFileSync(store.path, "{ half");
    await expect(store.load()).rejects.toMatchObject({ code: "TOKEN_FILE_INVALID" });
    await expect(store.save({ access_token: "" })).rejects.toBeInstanceOf(TokenError);
    expect(() => new FileTokenStore({ server: "not a url" })).toThrow(TypeError);
    expect(() => new FileTokenStore({ server: "http://h", user: "" })).toThrow(TypeError);
  });

  it("feeds a client: the bearer token is read from the store on each request", async () => {
    const dir = tempDir();
    const store = new FileTokenStore({ server: "http://h:1", dir });
    await store.save({ access_token: "from-disk" });
    const seen: (string | null)[] = [];
    const client = createClient({
      url: "http://h:1",
      tokenStore: store,
      fetch: async (_input, init) => {
        seen.push(new Headers(init?.headers).get("authorization"));
        return new Response(JSON.stringify({ status: "ok" }), { status: 200 });
      },
    });
    await client.liveness();
    await store.save({ access_token: "rotated" });
    await client.liveness();
    expect(seen).toEqual(["Bearer from-disk", "Bearer rotated"]);
  });
});

describe("createFileLock", () => {
  it("takes over a lock whose process died", async () => {
    const path = join(tempDir(), "x.lock");
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.once("exit", resolve));
    writeFileSync(
      path,
      JSON.stringify({
        pid: dead.pid,
        host: (await import("node:os")).hostname(),
        nonce: "n",
        at: Date.now(),
      }),
    );
    const lock = createFileLock({ path, timeoutMs: 2_000 });
    expect(await lock.withLock(async () => "ran")).toBe("ran");
  });

  it("takes over a lock older than staleMs, and an empty lock file once it is that old", async () => {
    const path = join(tempDir(), "x.lock");
    writeFileSync(
      path,
      JSON.stringify({ pid: process.pid, host: "other-host", nonce: "n", at: Date.now() - 60_000 }),
    );
    expect(await createFileLock({ path, staleMs: 30_000 }).withLock(async () => 1)).toBe(1);
    writeFileSync(path, "");
    expect(await createFileLock({ path, staleMs: 300, timeoutMs: 3_000 }).withLock(async () => 2)).toBe(2);
  });

  it("waits for a live holder and gives up with LOCK_TIMEOUT", async () => {
    const path = join(tempDir(), "x.lock");
    const lock = createFileLock({ path, timeoutMs: 200 });
    let inner: unknown;
    await lock.withLock(async () => {
      inner = await createFileLock({ path, timeoutMs: 200 })
        .withLock(async () => "never")
        .catch((e: unknown) => e);
    });
    expect(inner).toMatchObject({ code: "LOCK_TIMEOUT" });
    expect(await lock.withLock(async () => "after release")).toBe("after release");
  });

  it("lets 8 processes refreshing at once do exactly one refresh, and none loses the token", async () => {
    const dir = tempDir();
    const log = join(dir, "refreshes.log");
    const go = join(dir, "go");
    const server = "http://127.0.0.1:3100";
    const store = new FileTokenStore({ server, user: "ops", dir });
    await store.save({ access_token: "stale", refresh_token: "r1", expires_at: Date.now() + 1_000 });
    writeFileSync(log, "");
    const worker = fileURLToPath(new URL("./fixtures/refresh-worker.ts", import.meta.url));
    const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));
    const runs = Array.from({ length: 8 }, () =>
      promisify(execFile)(tsx, [worker, dir, server, log, go], { timeout: 60_000 }),
    );
    // Let every worker load and wait at the barrier, then release them together.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    writeFileSync(go, "");
    const outputs = await Promise.all(runs);
    expect(outputs.map((o) => o.stdout)).toEqual(Array(8).fill("fresh"));
    const refreshes = readFileSync(log, "utf8").trim().split("\n");
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]).toMatch(/ r1$/);
    expect(await store.load()).toMatchObject({ access_token: "fresh", refresh_token: "r2" });
  }, 90_000);
});
