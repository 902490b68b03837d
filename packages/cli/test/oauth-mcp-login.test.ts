import { createMetadataDocumentFetcher } from "@mcp-coordinator/auth";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from "@modelcontextprotocol/sdk/shared/auth.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The auth package's real-IdP fixture and headless browser: one copy, shared by both suites.
import { HeadlessBrowser } from "../../auth/test/oauth/browser.js";
import { type DocumentHost, startDocumentHost } from "../../auth/test/oauth/document-host.js";
import type { OidcIdp } from "../../auth/test/oauth/oidc-idp.js";
import type { CoordinatorServer } from "../src/index.js";
import { type OAuthServer, startOAuthServer } from "./oauth-server.js";

const CALLBACK = "http://localhost:53682/callback";

/** The MCP SDK client's OAuth hooks, in memory; the "browser" is our headless one. */
class MemoryOAuthProvider implements OAuthClientProvider {
  info: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = "";
  authorizationUrl: URL | null = null;
  get redirectUrl() {
    return CALLBACK;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: "sdk test client",
      redirect_uris: ["http://localhost/callback"],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  }
  state() {
    return "sdk-state";
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

/** The same client, known by the URL of its client ID metadata document instead of a registration. */
class DocumentOAuthProvider extends MemoryOAuthProvider {
  constructor(readonly clientMetadataUrl: string) {
    super();
  }
}

let server: CoordinatorServer;
let idp: OidcIdp;
let oauth: OAuthServer | undefined;
let documents: DocumentHost;

beforeAll(async () => {
  documents = await startDocumentHost();
  // The document host is a real https server on loopback with a self-signed certificate; trusting both
  // is the test seam (the production fetcher refuses loopback addresses).
  oauth = await startOAuthServer({
    clientMetadataFetch: createMetadataDocumentFetcher({ allowPrivateAddresses: true, ca: documents.ca }),
  });
  ({ server, idp } = oauth);
});

afterAll(async () => {
  await oauth?.close();
  await documents?.close();
});

describe("oauth mode with the MCP SDK's own client", () => {
  it("answers /mcp without a token with 401 and an absolute resource_metadata", async () => {
    const res = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain(
      `resource_metadata="${server.url}/.well-known/oauth-protected-resource/mcp"`,
    );
  });

  it("discovers, registers, signs in with PKCE and calls a tool as the signed-in user", async () => {
    const provider = new MemoryOAuthProvider();
    const first = new StreamableHTTPClientTransport(new URL(server.mcpUrl), { authProvider: provider });
    await expect(new Client({ name: "sdk", version: "1.0.0" }).connect(first)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    const authorizationUrl = provider.authorizationUrl as URL;
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizationUrl.searchParams.get("resource")).toBe(server.mcpUrl);
    idp.signInAs("dana");
    const { url } = await new HeadlessBrowser().follow(authorizationUrl.href, CALLBACK);
    expect(url?.searchParams.get("state")).toBe("sdk-state");
    await first.finishAuth(url?.searchParams.get("code") as string);
    expect(provider.saved?.refresh_token).toEqual(expect.any(String));

    const client = new Client({ name: "sdk", version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(server.mcpUrl), { authProvider: provider }),
    );
    const result = await client.callTool({
      name: "register_agent",
      arguments: { name: "dana's agent", agent_id: "dana-agent" },
    });
    expect(result.isError).not.toBe(true);
    const owner = await server.auth?.directory.agentOwner({ orgId: "acme", agentId: "dana-agent" });
    expect(owner?.ownerUserId).toBe("dana@acme.test");
    await client.close();
  });
});

describe("oauth mode with the MCP SDK's client and a client ID metadata document", () => {
  it("discovers, uses its document URL as client_id without registering, signs in with PKCE and calls a tool", async () => {
    const clientId = documents.serve("/sdk-client/metadata.json", {
      headers: { "cache-control": "max-age=300" },
      body: {
        client_id: `${documents.origin}/sdk-client/metadata.json`,
        client_name: "sdk document client",
        redirect_uris: ["http://localhost/callback"],
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "none",
      },
    });
    const clientsBefore = await oauth?.store.transaction((tx) => tx.listOAuthRows("clients", {}));
    const provider = new DocumentOAuthProvider(clientId);
    const first = new StreamableHTTPClientTransport(new URL(server.mcpUrl), { authProvider: provider });
    await expect(new Client({ name: "sdk", version: "1.0.0" }).connect(first)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    const authorizationUrl = provider.authorizationUrl as URL;
    expect(authorizationUrl.searchParams.get("client_id")).toBe(clientId);
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");

    idp.signInAs("dana");
    const { url, page } = await new HeadlessBrowser().signIn(authorizationUrl.href, CALLBACK);
    // The person saw who asked: the document's client_name and the host that serves it.
    expect(page).toContain(
      `<strong>sdk document client</strong> from <strong>${new URL(clientId).host}</strong>`,
    );
    expect(url?.searchParams.get("state")).toBe("sdk-state");
    await first.finishAuth(url?.searchParams.get("code") as string);
    expect(provider.saved?.refresh_token).toEqual(expect.any(String));

    const client = new Client({ name: "sdk", version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(server.mcpUrl), { authProvider: provider }),
    );
    const result = await client.callTool({
      name: "register_agent",
      arguments: { name: "dana's document agent", agent_id: "dana-doc-agent" },
    });
    expect(result.isError).not.toBe(true);
    const owner = await server.auth?.directory.agentOwner({ orgId: "acme", agentId: "dana-doc-agent" });
    expect(owner?.ownerUserId).toBe("dana@acme.test");
    await client.close();
    // No dynamic registration happened: the document stood in for it, fetched once thanks to max-age.
    const clientsAfter = await oauth?.store.transaction((tx) => tx.listOAuthRows("clients", {}));
    expect(clientsAfter?.length).toBe(clientsBefore?.length);
    expect(documents.hits("/sdk-client/metadata.json")).toBe(1);
  });
});
