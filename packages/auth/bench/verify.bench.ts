/**
 * What token verification costs per request, in µs: the verified-token cache (a SHA-256 and a map
 * lookup), the full path without it (jose + the store's token and membership rows, here core's
 * in-memory store, so this is a floor for SQLite/PostgreSQL), and a bare `jose.jwtVerify` as the floor
 * of any uncached verification. Run: `pnpm bench`.
 */
import { generateKeyPairSync } from "node:crypto";
import { type Credentials, createDirectory, systemClock } from "@mcp-coordinator/core";
import { MemoryStore } from "@mcp-coordinator/core/testing";
import { type BenchRow, loadAverageLine, ratioOf, reportBench } from "@mcp-coordinator/test-support/bench";
import { jwtVerify } from "jose";
import type { JwtAuthConfig } from "../src/config/auth-config.js";
import { parseAuthConfig } from "../src/config/parse-auth-config.js";
import { createJwtIdentity } from "../src/identity/jwt-identity.js";
import { loadKeySet } from "../src/keys/key-set.js";
import { createTokenIssuer } from "../src/tokens/issue-token.js";

async function measure(
  iterations: number,
  fn: () => Promise<unknown>,
): Promise<{ mean: number; p50: number; p99: number }> {
  for (let i = 0; i < Math.min(1_000, iterations); i++) await fn();
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples[i] = (performance.now() - start) * 1_000;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / iterations;
  return {
    mean,
    p50: sorted[Math.floor(iterations * 0.5)] ?? 0,
    p99: sorted[Math.floor(iterations * 0.99)] ?? 0,
  };
}

async function scenario(label: string, env: Record<string, string>) {
  const parsed = parseAuthConfig({ COORDINATOR_AUTH_ENABLED: "true", ...env });
  if (!parsed.ok || parsed.config.mode !== "jwt") throw new Error("bench config");
  const config: JwtAuthConfig = parsed.config;
  const store = new MemoryStore();
  const directory = createDirectory({ store });
  await directory.createOrg({ orgId: "acme" });
  await directory.addMember({ orgId: "acme", userId: "dana", role: "agent" });
  const keys = loadKeySet(config);
  const { token } = await createTokenIssuer({ config, directory, keys }).issueToken({
    orgId: "acme",
    userId: "dana",
  });
  const credentials: Credentials = { transport: "http", headers: { authorization: `Bearer ${token}` } };
  const cached = createJwtIdentity({ config, directory, keys, clock: systemClock });
  const uncached = createJwtIdentity({ config, directory, keys, clock: systemClock, cache: false });
  const { verifying } = await keys;
  const key = verifying[0];
  if (!key) throw new Error("no key");
  const floor = await measure(20_000, () =>
    jwtVerify(token, key.key, { algorithms: [key.alg], issuer: config.issuer, audience: config.audience }),
  );
  const withCache = await measure(100_000, () => cached.identify(credentials));
  const withoutCache = await measure(20_000, () => uncached.identify(credentials));
  const row = (name: string, r: { mean: number; p50: number; p99: number }) =>
    `| ${label} | ${name.padEnd(33)} | ${r.p50.toFixed(2).padStart(7)} | ${r.p99.toFixed(2).padStart(7)} | ${r.mean.toFixed(2).padStart(7)} | ${(r.p50 / floor.p50).toFixed(3).padStart(6)} |`;
  console.log(row("bare jose.jwtVerify (floor)", floor));
  console.log(row("identify, cache hit", withCache));
  console.log(row("identify, no cache (jose + store)", withoutCache));
  for (const [name, r] of [
    ["identify, cache hit", withCache],
    ["identify, no cache (jose + store)", withoutCache],
  ] as const) {
    report.push({
      case: `${label}, ${name}`,
      metric: "p50",
      value: Number(r.p50.toFixed(2)),
      unit: "µs",
      floor: "bare jose.jwtVerify p50, same run",
      floorValue: Number(floor.p50.toFixed(2)),
      ratio: ratioOf(r.p50, floor.p50),
    });
  }
}

const report: BenchRow[] = [];

console.log(`node ${process.version}; times in µs per call; ratio = p50 / floor p50`);
console.log("| alg   | path                              |     p50 |     p99 |    mean |  ratio |");
console.log("|-------|-----------------------------------|---------|---------|---------|--------|");
await scenario("HS256", { COORDINATOR_JWT_SECRET: "b".repeat(44) });
const ed = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
await scenario("EdDSA", { COORDINATOR_JWT_PRIVATE_KEY: ed });
console.log(loadAverageLine());
reportBench("auth: JWT verification", report);
