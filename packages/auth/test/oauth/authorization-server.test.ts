import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AsWorld, startAsWorld } from "./as-harness.js";
import { callMcp, exchangeCode, registerClient, signedInClient, signIn } from "./client.js";

let world: AsWorld;
beforeAll(async () => {
  world = await startAsWorld();
});
afterAll(() => world.close());

describe("MCP authorization discovery", () => {
  it("answers /mcp without a token with 401 and an absolute resource_metadata", async () => {
    const { status, challenge } = await callMcp(world, null);
    expect(status).toBe(401);
    expect(challenge).toContain(
      `resource_metadata="${world.origin}/.well-known/oauth-protected-resource/mcp"`,
    );
  });

  it("serves protected-resource metadata at the path-suffixed and root paths, resource = the MCP URL", async () => {
    for (const path of [
      "/.well-known/oauth-protected-resource/mcp",
      "/.well-known/oauth-protected-resource",
    ]) {
      const body = await (await fetch(`${world.origin}${path}`)).json();
      expect(body).toMatchObject({ resource: world.resource, authorization_servers: [world.origin] });
    }
  });

  it("serves authorization server metadata with S256 only and the registration endpoint", async () => {
    const body = await (await fetch(`${world.origin}/.well-known/oauth-authorization-server`)).json();
    expect(body).toMatchObject({
      issuer: world.origin,
      code_challenge_methods_supported: ["S256"],
      registration_endpoint: `${world.origin}/oauth/register`,
      authorization_response_iss_parameter_supported: true,
    });
  });

  it("answers unknown OAuth paths with a JSON 404 (clients choke on plain text)", async () => {
    const response = await fetch(`${world.origin}/.well-known/openid-configuration`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
  });
});

describe("sign-in through the upstream OIDC provider", () => {
  it("registers a client, signs dana in, and /mcp sees dana as the principal", async () => {
    const { tokens } = await signedInClient(world);
    expect(tokens).toMatchObject({ token_type: "Bearer", scope: "mcp:tools" });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const { status, body } = await callMcp(world, tokens.access_token as string);
    expect(status).toBe(200);
    expect(body).toEqual({ userId: "dana@acme.test", orgId: "acme", role: "agent", agentId: null });
  });

  it("returns the client's state and our issuer with the code (RFC 9207)", async () => {
    const { body } = await registerClient(world);
    const { callback } = await signIn(world, body.client_id as string);
    expect(callback?.searchParams.get("state")).toBe("client-state-1");
    expect(callback?.searchParams.get("iss")).toBe(world.origin);
  });

  it("code exchange needs the same redirect_uri", async () => {
    const { body } = await registerClient(world);
    const clientId = body.client_id as string;
    const { verifier, callback } = await signIn(world, clientId);
    const response = await fetch(`${world.origin}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: clientId,
        code: callback?.searchParams.get("code") as string,
        redirect_uri: "http://localhost:50424/callback",
        code_verifier: verifier,
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
    expect(
      (await exchangeCode(world, clientId, callback?.searchParams.get("code") as string, verifier)).status,
    ).toBe(200);
  });
});
