/**
 * What a client ID metadata document costs at the token endpoint, in µs over real HTTP: a refresh by a
 * registered client, by a document client whose document is cached (max-age), and by one whose document
 * says no-store, so every refresh fetches it again over https from a host on this machine (TLS handshake,
 * DNS, parse: the floor of a real fetch, which crosses the internet). The floor is a metadata GET on the
 * same server. Run: `pnpm bench`.
 */
import { generateRandomCodeVerifier } from "oauth4webapi";
import { createMetadataDocumentFetcher } from "../src/oauth/cimd/fetch-metadata-document.js";
import { startAsWorld } from "../test/oauth/as-harness.js";
import { authorizeUrl, exchangeCode, signedInClient } from "../test/oauth/client.js";
import { startDocumentHost } from "../test/oauth/document-host.js";

const CALLBACK = "http://localhost:50423/callback";

async function measure(iterations: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(50, iterations); i++) await fn();
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

const host = await startDocumentHost();
const world = await startAsWorld({}, undefined, {
  clientMetadata: { fetch: createMetadataDocumentFetcher({ allowPrivateAddresses: true, ca: host.ca }) },
});

function publish(path: string, cacheControl: string): string {
  const clientId = `${host.origin}${path}`;
  host.serve(path, {
    headers: { "cache-control": cacheControl },
    body: {
      client_id: clientId,
      client_name: "bench",
      redirect_uris: ["http://localhost/callback"],
      grant_types: ["authorization_code", "refresh_token"],
    },
  });
  return clientId;
}

async function documentSignIn(clientId: string): Promise<string> {
  const verifier = generateRandomCodeVerifier();
  world.idp.signInAs("dana");
  const { url } = await world.browser.signIn(await authorizeUrl(world, { clientId, verifier }), CALLBACK);
  const tokens = await exchangeCode(world, clientId, url?.searchParams.get("code") as string, verifier);
  return tokens.body.refresh_token as string;
}

function refresher(clientId: string, first: string) {
  let token = first;
  return async () => {
    const r = await fetch(`${world.origin}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", client_id: clientId, refresh_token: token }),
    });
    const body = (await r.json()) as { refresh_token?: string };
    if (!body.refresh_token) throw new Error(`refresh failed: ${JSON.stringify(body)}`);
    token = body.refresh_token;
  };
}

const N = Number(process.env.BENCH_N ?? 500);
const registered = await signedInClient(world);
const cachedId = publish("/cached/client.json", "max-age=3600");
const noStoreId = publish("/no-store/client.json", "no-store");
const cachedRefresh = refresher(cachedId, await documentSignIn(cachedId));
const noStoreRefresh = refresher(noStoreId, await documentSignIn(noStoreId));
const registeredRefresh = refresher(registered.clientId, registered.tokens.refresh_token as string);

const floor = await measure(N, async () => {
  const r = await fetch(`${world.origin}/.well-known/oauth-protected-resource/mcp`);
  await r.arrayBuffer();
});
const byRegistered = await measure(N, registeredRefresh);
const byCached = await measure(N, cachedRefresh);
const byNoStore = await measure(N, noStoreRefresh);

const row = (label: string, m: { p50: number; p99: number; mean: number }) =>
  `| ${label.padEnd(55)} | ${m.p50.toFixed(1).padStart(8)} | ${m.p99.toFixed(1).padStart(8)} | ${m.mean.toFixed(1).padStart(8)} | ${(m.p50 / floor.p50).toFixed(2).padStart(5)} |`;
const load = (await import("node:os"))
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(" ");
console.log(
  `client ID metadata documents at the token endpoint, ${N} requests each, µs (ratio = p50 / floor p50); load ${load}\n`,
);
console.log(
  "| path                                                    |      p50 |      p99 |     mean | ratio |",
);
console.log(
  "|---------------------------------------------------------|----------|----------|----------|-------|",
);
console.log(row("GET protected-resource metadata (floor)", floor));
console.log(row("refresh, registered client", byRegistered));
console.log(row("refresh, document client, document cached", byCached));
console.log(row("refresh, document client, no-store (fetched each time)", byNoStore));
console.log(
  `\ndocument fetches: cached ${host.hits("/cached/client.json")}, no-store ${host.hits("/no-store/client.json")}`,
);
await world.close();
await host.close();
