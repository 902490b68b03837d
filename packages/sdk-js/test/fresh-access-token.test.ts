import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FileTokenStore } from "../src/node/index.js";
import { freshAccessToken } from "../src/node/token-file.js";

/** A token endpoint that rotates: each refresh token works once [OAuth 2.1 §4.3.1]; what it got is kept. */
let endpoint: string;
const grants: URLSearchParams[] = [];
type Answer = (form: URLSearchParams) => { status: number; body: unknown };
const rotate: Answer = () => ({
  status: 200,
  body: { access_token: `at-${grants.length}`, refresh_token: `rt-${grants.length}`, expires_in: 600 },
});
let answer = rotate;
const server = createServer(async (request: IncomingMessage, response) => {
  let text = "";
  for await (const chunk of request) text += chunk;
  const form = new URLSearchParams(text);
  grants.push(form);
  const { status, body } = answer(form);
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  answer = rotate;
});

const SERVER = "http://127.0.0.1:3100";

async function storeWith(
  expiresInMs: number,
  tokenEndpoint = endpoint,
): Promise<{ dir: string; store: FileTokenStore }> {
  const dir = join(mkdtempSync(join(tmpdir(), "sdk-fresh-")), "tokens");
  const store = new FileTokenStore({ server: SERVER, dir });
  await store.save({
    access_token: "at-old",
    refresh_token: "rt-old",
    client_id: "cli",
    token_endpoint: tokenEndpoint,
    expires_at: Date.now() + expiresInMs,
  });
  return { dir, store };
}

describe("freshAccessToken", () => {
  it("answers the stored token without a request while it is outside the refresh window", async () => {
    const { dir } = await storeWith(10 * 60_000);
    const before = grants.length;
    await expect(freshAccessToken({ server: SERVER, dir })).resolves.toEqual({
      accessToken: "at-old",
      refreshed: false,
    });
    expect(grants.length).toBe(before);
  });

  it("refreshes a token inside the window with the refresh-token grant and stores the rotated one", async () => {
    const { dir, store } = await storeWith(30_000);
    const fresh = await freshAccessToken({ server: SERVER, dir });
    expect(fresh.refreshed).toBe(true);
    const grant = grants.at(-1);
    expect(Object.fromEntries(grant ?? [])).toEqual({
      grant_type: "refresh_token",
      refresh_token: "rt-old",
      client_id: "cli",
    });
    const saved = await store.load();
    expect(saved?.access_token).toBe(fresh.accessToken);
    expect(saved?.refresh_token).not.toBe("rt-old");
    expect(saved?.expires_at).toBeGreaterThan(Date.now() + 500_000);
  });

  it("fails with REFRESH_FAILED naming the server's refusal, and leaves the stored token as it was", async () => {
    const { dir, store } = await storeWith(-1_000);
    answer = () => ({
      status: 400,
      body: { error: "invalid_grant", error_description: "The sign-in ended." },
    });
    await expect(freshAccessToken({ server: SERVER, dir })).rejects.toMatchObject({
      code: "REFRESH_FAILED",
      message: expect.stringContaining("invalid_grant"),
    });
    expect((await store.load())?.refresh_token).toBe("rt-old");
  });

  it("refuses a token answer without an access_token", async () => {
    const { dir } = await storeWith(-1_000);
    answer = () => ({ status: 200, body: { token_type: "Bearer", expires_in: 60 } });
    await expect(freshAccessToken({ server: SERVER, dir })).rejects.toMatchObject({ code: "REFRESH_FAILED" });
  });

  it("gives up within its timeout when the token endpoint does not answer", async () => {
    const hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const { dir } = await storeWith(-1_000, `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/t`);
    const started = Date.now();
    await expect(freshAccessToken({ server: SERVER, dir, timeoutMs: 300 })).rejects.toMatchObject({
      code: "NETWORK_ERROR",
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
  });
});
