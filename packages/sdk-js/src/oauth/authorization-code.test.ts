import { describe, expect, it } from "vitest";
import { createAuthorizationRequest, parseAuthorizationCallback } from "./authorization-code.js";

const metadata = {
  issuer: "https://coord.acme.test",
  token_endpoint: "https://coord.acme.test/oauth/token",
  authorization_endpoint: "https://coord.acme.test/oauth/authorize",
  code_challenge_methods_supported: ["S256"],
};
const params = {
  clientId: "client-1",
  redirectUri: "http://127.0.0.1:50123/callback",
  scope: "mcp:tools",
  resource: "https://coord.acme.test/mcp",
};
const expected = { state: "s-1", issuer: metadata.issuer };
const query = (q: Record<string, string>) => new URLSearchParams(q);

describe("createAuthorizationRequest", () => {
  it("asks for a code with PKCE S256 whose challenge is the SHA-256 of the kept verifier", async () => {
    const request = await createAuthorizationRequest(metadata, params);
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe(metadata.authorization_endpoint);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "client-1",
      redirect_uri: params.redirectUri,
      state: request.state,
      code_challenge_method: "S256",
      resource: params.resource,
    });
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(request.verifier));
    expect(url.searchParams.get("code_challenge")).toBe(Buffer.from(digest).toString("base64url"));
    expect(request.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("uses a new state and verifier every time", async () => {
    const [a, b] = await Promise.all([
      createAuthorizationRequest(metadata, params),
      createAuthorizationRequest(metadata, params),
    ]);
    expect(a.state).not.toBe(b.state);
    expect(a.verifier).not.toBe(b.verifier);
  });

  it("refuses a server without S256", async () => {
    await expect(
      createAuthorizationRequest({ ...metadata, code_challenge_methods_supported: ["plain"] }, params),
    ).rejects.toMatchObject({ code: "OAUTH_UNAVAILABLE", message: expect.stringContaining("PKCE S256") });
  });
});

describe("parseAuthorizationCallback", () => {
  it("returns the code when the state matches", () => {
    expect(parseAuthorizationCallback(query({ code: "c-1", state: "s-1" }), expected)).toBe("c-1");
  });

  it("checks the state before anything else, even before an error", () => {
    expect(() =>
      parseAuthorizationCallback(query({ error: "access_denied", state: "other" }), expected),
    ).toThrow(expect.objectContaining({ code: "BROWSER_LOGIN_STATE_MISMATCH" }));
    expect(() => parseAuthorizationCallback(query({ code: "c-1" }), expected)).toThrow(
      expect.objectContaining({ code: "BROWSER_LOGIN_STATE_MISMATCH" }),
    );
  });

  it("turns access_denied into BROWSER_LOGIN_DENIED and other errors into BROWSER_LOGIN_FAILED", () => {
    expect(() =>
      parseAuthorizationCallback(query({ error: "access_denied", state: "s-1" }), expected),
    ).toThrow(expect.objectContaining({ code: "BROWSER_LOGIN_DENIED" }));
    expect(() =>
      parseAuthorizationCallback(
        query({ error: "invalid_scope", error_description: "no such scope", state: "s-1" }),
        expected,
      ),
    ).toThrow("The server ended the sign-in with invalid_scope: no such scope.");
  });

  it("refuses an answer naming another issuer (RFC 9207 mix-up defence)", () => {
    expect(() =>
      parseAuthorizationCallback(query({ code: "c", state: "s-1", iss: "https://evil.test" }), expected),
    ).toThrow(expect.objectContaining({ code: "BROWSER_LOGIN_FAILED" }));
  });
});
