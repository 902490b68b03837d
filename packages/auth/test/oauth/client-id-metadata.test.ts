import { generateRandomCodeVerifier } from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetadataDocumentFetcher } from "../../src/oauth/cimd/fetch-metadata-document.js";
import { type AsWorld, startAsWorld } from "./as-harness.js";
import { HeadlessBrowser } from "./browser.js";
import { authorizeUrl, callMcp, exchangeCode, refresh, tokenRequest } from "./client.js";
import { type DocumentHost, startDocumentHost } from "./document-host.js";

const CALLBACK = "http://localhost:50423/callback";

let host: DocumentHost;
let world: AsWorld;
beforeAll(async () => {
  host = await startDocumentHost();
  // The document host is on loopback with a self-signed certificate: both are test seams here; the
  // production fetcher refuses loopback (see the SSRF cases below, which use it unchanged).
  world = await startAsWorld({ COORDINATOR_OAUTH_CIMD_MAX_CACHE: "1h" }, undefined, {
    clientMetadata: {
      fetch: createMetadataDocumentFetcher({ allowPrivateAddresses: true, ca: host.ca, timeoutMs: 1_000 }),
    },
  });
});
afterAll(async () => {
  await world?.close();
  await host?.close();
});

let documents = 0;
/** Publishes a document on the host under a fresh path; `override` replaces or adds members. */
function publish(override: Record<string, unknown> = {}, headers: Record<string, string> = {}): string {
  documents += 1;
  const path = `/clients/${documents}/metadata.json`;
  const clientId = `${host.origin}${path}`;
  host.serve(path, {
    headers,
    body: {
      client_id: clientId,
      client_name: "Acme Agent",
      redirect_uris: ["http://localhost/callback", "http://127.0.0.1/callback"],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      ...override,
    },
  });
  return clientId;
}

/** Opens /authorize as a person's browser would and returns the page (or redirect) it gets. */
async function openAuthorize(clientId: string, redirectUri = CALLBACK) {
  const browser = new HeadlessBrowser();
  const verifier = generateRandomCodeVerifier();
  const response = await browser.get(await authorizeUrl(world, { clientId, verifier, redirectUri }));
  return { browser, verifier, status: response.status, html: await response.text() };
}

describe("client ID metadata documents: a URL as client_id", () => {
  it("advertises client_id_metadata_document_supported with the public-client method none", async () => {
    const body = (await (
      await fetch(`${world.origin}/.well-known/oauth-authorization-server`)
    ).json()) as Record<string, unknown>;
    expect(body.client_id_metadata_document_supported).toBe(true);
    expect(body.token_endpoint_auth_methods_supported).toContain("none");
  });

  it("shows who is asking (client_name and host), signs dana in, and issues tokens that refresh", async () => {
    const clientId = publish();
    const opened = await openAuthorize(clientId);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain("<strong>Acme Agent</strong> from <strong>localhost:");
    const link = /href="(\/oauth\/login\/acme\?request=[^"]+)"/.exec(opened.html)?.[1];
    expect(link).toBeDefined();

    world.idp.signInAs("dana");
    const { url } = await opened.browser.follow(new URL(link as string, world.origin).href, CALLBACK);
    const code = url?.searchParams.get("code");
    expect(code).toEqual(expect.any(String));
    const tokens = await exchangeCode(world, clientId, code as string, opened.verifier);
    expect(tokens.status).toBe(200);
    const seen = await callMcp(world, tokens.body.access_token as string);
    expect(seen.body).toMatchObject({ userId: "dana@acme.test", orgId: "acme" });

    const refreshed = await refresh(world, clientId, tokens.body.refresh_token as string);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);
  });

  it("refuses a redirect URI the document does not list, on a page, without redirecting", async () => {
    const clientId = publish({ redirect_uris: ["https://app.acme.test/callback"] });
    const opened = await openAuthorize(clientId, "https://app.acme.test:8443/callback");
    expect(opened.status).toBe(400);
    expect(opened.html).toContain("not one listed in this client&#39;s metadata document");
  });

  it("matches a loopback redirect on any port only against loopback URIs the document lists", async () => {
    const listed = publish({ redirect_uris: ["http://127.0.0.1/callback"] });
    expect((await openAuthorize(listed, "http://127.0.0.1:61000/callback")).status).toBe(200);
    // localhost is not 127.0.0.1 (RFC 8252 §7.3 relaxes the port only).
    expect((await openAuthorize(listed, "http://localhost:61000/callback")).status).toBe(400);
  });

  const refusals: Array<[string, () => string, string, number?]> = [
    [
      "a document whose client_id is another URL",
      () => publish({ client_id: "https://attacker.example/metadata.json" }),
      "it must be exactly the document&#39;s own URL",
    ],
    [
      "a document served as HTML",
      () => {
        const clientId = publish();
        host.serve(new URL(clientId).pathname, {
          headers: { "content-type": "text/html" },
          body: "<html>hi</html>",
        });
        return clientId;
      },
      "serve it as application/json",
    ],
    [
      "a JSON-typed body that is not JSON",
      () => {
        const clientId = publish();
        host.serve(new URL(clientId).pathname, { body: "{not json" });
        return clientId;
      },
      "is not valid JSON",
    ],
    [
      "a document over 5 KB",
      () => publish({ client_name: "x".repeat(100), padding: "y".repeat(10_000) }),
      "is larger than 5120 bytes",
    ],
    [
      "a document over 5 KB that declares its length up front",
      () => {
        const clientId = publish();
        const body = JSON.stringify({ client_id: clientId, padding: "y".repeat(10_000) });
        host.serve(new URL(clientId).pathname, {
          headers: { "content-length": String(Buffer.byteLength(body)) },
          body,
        });
        return clientId;
      },
      "is larger than 5120 bytes",
    ],
    [
      "a redirect instead of the document",
      () => {
        const clientId = publish();
        host.serve(new URL(clientId).pathname, {
          status: 302,
          headers: { location: `${host.origin}/elsewhere.json` },
        });
        return clientId;
      },
      "redirects are not followed",
    ],
    [
      "a host that never answers",
      () => {
        const clientId = publish();
        host.serve(new URL(clientId).pathname, { hang: true });
        return clientId;
      },
      "did not arrive within 1000 ms",
      502,
    ],
    [
      "a document carrying a client_secret",
      () => publish({ client_secret: "s3cret" }),
      "client_secret must not be present",
    ],
    [
      "a confidential token_endpoint_auth_method",
      () => publish({ token_endpoint_auth_method: "client_secret_basic" }),
      "token_endpoint_auth_method must be &#34;none&#34;",
    ],
    [
      "a document with a javascript: redirect URI",
      () => publish({ redirect_uris: ["javascript:alert(1)"] }),
      "which is not allowed",
    ],
    ["a client_id without a path", () => host.origin, "it must have a path"],
    ["a 404 at the client_id", () => `${host.origin}/nothing/here.json`, "answered HTTP 404"],
  ];

  for (const [what, make, message, status = 400] of refusals) {
    it(`refuses ${what} with a page that says so`, async () => {
      const opened = await openAuthorize(make());
      expect(opened.status).toBe(status);
      expect(opened.html).toContain(message);
    });
  }

  it("answers the token endpoint with invalid_client and the reason when the document is unusable", async () => {
    const clientId = publish({ client_id: "https://attacker.example/metadata.json" });
    const { status, body } = await tokenRequest(world, {
      grant_type: "refresh_token",
      client_id: clientId,
      refresh_token: "whatever",
    });
    expect(status).toBe(401);
    expect(body.error).toBe("invalid_client");
    expect(body.error_description).toContain("it must be exactly the document's own URL");
  });

  it("never follows the redirect: the redirect target is not fetched", async () => {
    const clientId = publish();
    host.serve(new URL(clientId).pathname, {
      status: 301,
      headers: { location: `${host.origin}/target-of-redirect.json` },
    });
    await openAuthorize(clientId);
    expect(host.hits("/target-of-redirect.json")).toBe(0);
  });
});

describe("client ID metadata documents: caching", () => {
  it("reuses a document for its max-age, then fetches it again", async () => {
    const clientId = publish({}, { "cache-control": "max-age=60" });
    const path = new URL(clientId).pathname;
    await openAuthorize(clientId);
    await openAuthorize(clientId);
    expect(host.hits(path)).toBe(1);
    world.clock.advance(61_000);
    await openAuthorize(clientId);
    expect(host.hits(path)).toBe(2);
  });

  it("fetches a no-store document on every use", async () => {
    const clientId = publish({}, { "cache-control": "no-store" });
    await openAuthorize(clientId);
    await openAuthorize(clientId);
    expect(host.hits(new URL(clientId).pathname)).toBe(2);
  });

  it("keeps a document no longer than COORDINATOR_OAUTH_CIMD_MAX_CACHE whatever its max-age says", async () => {
    const clientId = publish({}, { "cache-control": "max-age=31536000" });
    await openAuthorize(clientId);
    world.clock.advance(59 * 60_000);
    await openAuthorize(clientId);
    expect(host.hits(new URL(clientId).pathname)).toBe(1);
    world.clock.advance(2 * 60_000);
    await openAuthorize(clientId);
    expect(host.hits(new URL(clientId).pathname)).toBe(2);
  });

  it("does not cache a refusal: a fixed document works on the next try", async () => {
    const clientId = publish({ client_id: "https://attacker.example/metadata.json" });
    expect((await openAuthorize(clientId)).status).toBe(400);
    host.serve(new URL(clientId).pathname, {
      body: { client_id: clientId, redirect_uris: ["http://localhost/callback"] },
    });
    expect((await openAuthorize(clientId)).status).toBe(200);
  });
});

describe("client ID metadata documents: policy", () => {
  it("refuses URL client_ids and stops advertising them with COORDINATOR_OAUTH_CIMD=off", async () => {
    const off = await startAsWorld({ COORDINATOR_OAUTH_CIMD: "off" });
    try {
      const metadata = (await (
        await fetch(`${off.origin}/.well-known/oauth-authorization-server`)
      ).json()) as Record<string, unknown>;
      expect(metadata.client_id_metadata_document_supported).toBeUndefined();
      const page = await new HeadlessBrowser().get(
        await authorizeUrl(off, { clientId: publish(), verifier: generateRandomCodeVerifier() }),
      );
      expect(page.status).toBe(400);
      expect(await page.text()).toContain("COORDINATOR_OAUTH_CIMD=off");
    } finally {
      await off.close();
    }
  });

  it("accepts documents only from the hosts in COORDINATOR_OAUTH_CIMD_HOSTS", async () => {
    const fetcher = createMetadataDocumentFetcher({ allowPrivateAddresses: true, ca: host.ca });
    const only = await startAsWorld({ COORDINATOR_OAUTH_CIMD_HOSTS: "claude.ai" }, undefined, {
      clientMetadata: { fetch: fetcher },
    });
    try {
      const clientId = publish();
      const page = await new HeadlessBrowser().get(
        await authorizeUrl(only, { clientId, verifier: generateRandomCodeVerifier() }),
      );
      expect(page.status).toBe(400);
      expect(await page.text()).toContain("only from claude.ai, not localhost");
      expect(host.hits(new URL(clientId).pathname)).toBe(0);
    } finally {
      await only.close();
    }
  });
});

describe("client ID metadata documents: the production fetcher's SSRF guard", () => {
  const fetcher = createMetadataDocumentFetcher();

  it("refuses a host name that resolves to a loopback address", async () => {
    const url = new URL(publish());
    await expect(fetcher(url)).rejects.toMatchObject({
      code: "CIMD_PRIVATE_ADDRESS",
      message: expect.stringContaining("resolves to 127.0.0.1"),
    });
    expect(host.hits(url.pathname)).toBe(0);
  });

  it("refuses private, link-local and IPv4-mapped IP literals without connecting", async () => {
    for (const target of [
      "https://127.0.0.1/a.json",
      "https://10.0.0.8/a.json",
      "https://169.254.169.254/latest/meta-data",
      "https://[::ffff:192.168.1.1]/a.json",
      "https://[fe80::1]/a.json",
    ]) {
      await expect(fetcher(new URL(target)), target).rejects.toMatchObject({
        code: "CIMD_PRIVATE_ADDRESS",
      });
    }
  });

  it("refuses an http:// client_id unless the loopback test seam allows it", async () => {
    const opened = await openAuthorize("http://localhost:9/client.json");
    expect(opened.status).toBe(400);
    expect(opened.html).toContain("it must use https://");
  });
});
