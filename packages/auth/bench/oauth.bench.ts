/**
 * What oauth mode costs per request over real HTTP on one machine, in µs: the token endpoint's refresh
 * (rotation: read token and family, two conditional writes, one insert, one signature) and a call to a
 * protected resource with an access token (jose verify + family, epoch and membership reads), beside a
 * metadata GET on the same server as the floor (HTTP, routing, JSON; no auth work). Store: core's
 * in-memory one, so the store part is a floor for SQLite/PostgreSQL. Run: `pnpm bench`.
 */

import { benchQuick, loadAverageLine, ratioOf, reportBench } from "@mcp-coordinator/test-support/bench";
import { startAsWorld } from "../test/oauth/as-harness.js";
import { signedInClient } from "../test/oauth/client.js";

async function measure(iterations: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(200, iterations); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push((performance.now() - start) * 1_000);
  }
  samples.sort((a, b) => a - b);
  return {
    p50: samples[Math.floor(iterations * 0.5)] ?? 0,
    p99: samples[Math.floor(iterations * 0.99)] ?? 0,
    mean: samples.reduce((a, b) => a + b, 0) / iterations,
  };
}

const world = await startAsWorld();
const { clientId, tokens } = await signedInClient(world);
let refreshToken = tokens.refresh_token as string;
const accessToken = tokens.access_token as string;
const N = benchQuick ? 300 : 2_000;

const floor = await measure(N, async () => {
  const r = await fetch(`${world.origin}/.well-known/oauth-protected-resource/mcp`);
  await r.arrayBuffer();
});
const refresh = await measure(N, async () => {
  const r = await fetch(`${world.origin}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      client_id: clientId,
      refresh_token: refreshToken,
    }),
  });
  const body = (await r.json()) as { refresh_token?: string };
  if (!body.refresh_token) throw new Error(`refresh failed: ${JSON.stringify(body)}`);
  refreshToken = body.refresh_token;
});
const resource = await measure(N, async () => {
  const r = await fetch(world.resource, { headers: { authorization: `Bearer ${accessToken}` } });
  if (r.status !== 200) throw new Error(`resource answered ${r.status}`);
  await r.arrayBuffer();
});

const row = (label: string, m: { p50: number; p99: number; mean: number }) =>
  `| ${label.padEnd(44)} | ${m.p50.toFixed(1).padStart(8)} | ${m.p99.toFixed(1).padStart(8)} | ${m.mean.toFixed(1).padStart(8)} | ${(m.p50 / floor.p50).toFixed(2).padStart(5)} |`;
console.log(`oauth mode over HTTP, ${N} requests each, µs (ratio = p50 / floor p50)\n`);
console.log("| path                                         |      p50 |      p99 |     mean | ratio |");
console.log("|----------------------------------------------|----------|----------|----------|-------|");
console.log(row("GET protected-resource metadata (floor)", floor));
console.log(row("POST /oauth/token refresh_token (rotation)", refresh));
console.log(row("GET /mcp-stand-in with an access token", resource));
await world.close();
console.log(loadAverageLine());
reportBench(
  "auth: OAuth over HTTP",
  (
    [
      ["POST /oauth/token refresh_token (rotation)", refresh],
      ["GET with an access token", resource],
    ] as const
  ).map(([name, m]) => ({
    case: name,
    metric: "p50",
    value: Number(m.p50.toFixed(1)),
    unit: "µs",
    floor: "GET protected-resource metadata p50, same server, same run",
    floorValue: Number(floor.p50.toFixed(1)),
    ratio: ratioOf(m.p50, floor.p50),
  })),
);
