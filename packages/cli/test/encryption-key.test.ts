import { TokenCipher } from "@mcp-coordinator/auth";
import type { OAuthStore } from "@mcp-coordinator/core";
import { freePort } from "@mcp-coordinator/test-support";
import { describe, expect, it } from "vitest";
import { newHome, runCli } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { STORE_KINDS } from "./store-kinds.js";

// Upstream tokens kept at rest (GitHub App user tokens) are sealed in the token family rows; here the
// sealed rows are written through the real store, then the boot check and `rotate-encryption-key` run
// against SQLite and PostgreSQL as a team would run them.
const JWT_SECRET = "encryption-key-test-secret-0123456789-abcdef";
const TOKENS = {
  accessToken: "ghu_kept",
  accessExpiresAt: null,
  refreshToken: "ghr_kept",
  refreshExpiresAt: null,
};

const newKey = async (home: string) => {
  const generated = await runCli(["rotate-encryption-key", "--generate"], { home });
  expect(generated.code, generated.stderr).toBe(0);
  expect(generated.stderr).toContain("COORDINATOR_ENCRYPTION_PREV_KEY");
  return generated.stdout.trim();
};

async function seedSealedFamily(store: OAuthStore, cipher: TokenCipher) {
  const now = Date.now();
  await store.transaction((tx) =>
    tx.insertOAuthRow({
      table: "token_families",
      id: "family-1",
      orgId: "acme",
      userId: "gina@acme.test",
      lookup: "client-1",
      data: {
        clientId: "client-1",
        scopes: ["mcp:tools"],
        resource: "http://127.0.0.1/mcp",
        epoch: 0,
        revokedAt: null,
        revokedReason: null,
        upstream: {
          providerId: "github-app",
          sealed: cipher.seal(JSON.stringify(TOKENS), "token_families:family-1"),
        },
      },
      createdAt: now,
      expiresAt: now + 86_400_000,
      version: 1,
    }),
  );
}

async function bootOAuth(store: OAuthStore & { close(): Promise<void> }, key: string) {
  return startTestServer({
    port: await freePort(),
    auth: "oauth",
    store: store as never,
    mcpHandler: undefined,
    env: {
      COORDINATOR_JWT_SECRET: JWT_SECRET,
      COORDINATOR_ENCRYPTION_KEY: key,
      COORDINATOR_OAUTH_ORG: "acme",
    },
  });
}

describe.each(STORE_KINDS)("COORDINATOR_ENCRYPTION_KEY on $name", (kind) => {
  it("refuses to boot under the wrong key, re-seals with rotate-encryption-key, then boots under the new key", async () => {
    const home = newHome();
    const db = await kind.fresh();
    const store = [] as { close(): Promise<void> }[];
    try {
      const oldKey = await newKey(home);
      const nextKey = await newKey(home);
      expect(Buffer.from(oldKey, "base64")).toHaveLength(32);
      const oldCipher = new TokenCipher(Buffer.from(oldKey, "base64"));
      const nextCipher = new TokenCipher(Buffer.from(nextKey, "base64"));
      const first = await db.openAgain();
      store.push(first);
      await seedSealedFamily(first, oldCipher);

      await expect(bootOAuth(first, nextKey)).rejects.toMatchObject({
        code: "AUTH_CONFIG_INVALID",
        message: expect.stringContaining(
          `sealed with key ${oldCipher.fingerprint}, but COORDINATOR_ENCRYPTION_KEY is ${nextCipher.fingerprint}`,
        ),
      });
      await first.close().catch(() => undefined);

      const storeArgs = db.dataDir ? ["--data-dir", db.dataDir] : [];
      const missing = await runCli(["rotate-encryption-key", ...storeArgs], { home, env: db.env });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("COORDINATOR_ENCRYPTION_KEY is not set");
      const rotated = await runCli(["rotate-encryption-key", ...storeArgs], {
        home,
        env: { ...db.env, COORDINATOR_ENCRYPTION_KEY: nextKey, COORDINATOR_ENCRYPTION_PREV_KEY: oldKey },
      });
      expect(rotated.code, rotated.stderr).toBe(0);
      expect(rotated.stdout).toContain(
        `Re-sealed 1 upstream token set(s) under key ${nextCipher.fingerprint}.`,
      );

      const second = await db.openAgain();
      store.push(second);
      const row = await second.transaction((tx) => tx.getOAuthRow("token_families", "family-1"));
      type Kept = { upstream: { sealed: Parameters<TokenCipher["open"]>[0] } };
      const seal = (row?.data as Kept | undefined)?.upstream.sealed as Kept["upstream"]["sealed"];
      expect(seal.kid).toBe(nextCipher.fingerprint);
      expect(JSON.parse(nextCipher.open(seal, "token_families:family-1"))).toEqual(TOKENS);
      const server = await bootOAuth(second, nextKey);
      await server.close();
    } finally {
      for (const s of store) await s.close().catch(() => undefined);
      await db.drop();
    }
  }, 60_000);
});
