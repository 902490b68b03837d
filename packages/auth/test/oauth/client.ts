import { calculatePKCECodeChallenge, generateRandomCodeVerifier } from "oauth4webapi";
import type { AsWorld } from "./as-harness.js";

export const REDIRECT = "http://localhost/callback";

/** Dynamic registration of a public native client, as MCP clients do [RFC 7591]. */
export async function registerClient(world: AsWorld, body: Record<string, unknown> = {}) {
  const response = await fetch(`${world.origin}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      client_name: "test client",
      ...body,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

export interface AuthorizeParams {
  readonly clientId: string;
  readonly redirectUri?: string;
  readonly verifier?: string;
  readonly challengeMethod?: string | null;
  readonly challenge?: string | null;
  readonly resource?: string;
  readonly state?: string;
}

export async function authorizeUrl(world: AsWorld, p: AuthorizeParams): Promise<string> {
  const url = new URL(`${world.origin}/oauth/authorize`);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", p.clientId);
  url.searchParams.set("redirect_uri", p.redirectUri ?? "http://localhost:50423/callback");
  url.searchParams.set("state", p.state ?? "client-state-1");
  url.searchParams.set("scope", "mcp:tools");
  const challenge =
    p.challenge === undefined ? await calculatePKCECodeChallenge(p.verifier ?? "") : p.challenge;
  if (challenge !== null) url.searchParams.set("code_challenge", challenge);
  const method = p.challengeMethod === undefined ? "S256" : p.challengeMethod;
  if (method !== null) url.searchParams.set("code_challenge_method", method);
  url.searchParams.set("resource", p.resource ?? world.resource);
  return url.href;
}

/** Signs in through the upstream IdP as `account` and returns the code sent to the client's redirect URI. */
export async function signIn(world: AsWorld, clientId: string, account = "dana") {
  const verifier = generateRandomCodeVerifier();
  world.idp.signInAs(account);
  const { url, last } = await world.browser.follow(
    await authorizeUrl(world, { clientId, verifier }),
    "http://localhost:50423/callback",
  );
  return { verifier, callback: url, last };
}

export async function tokenRequest(world: AsWorld, form: Record<string, string>) {
  const response = await fetch(`${world.origin}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

export async function exchangeCode(world: AsWorld, clientId: string, code: string, verifier: string | null) {
  return tokenRequest(world, {
    grant_type: "authorization_code",
    client_id: clientId,
    code,
    redirect_uri: "http://localhost:50423/callback",
    ...(verifier === null ? {} : { code_verifier: verifier }),
  });
}

export async function refresh(world: AsWorld, clientId: string, refreshToken: string) {
  return tokenRequest(world, {
    grant_type: "refresh_token",
    client_id: clientId,
    refresh_token: refreshToken,
  });
}

/** Calls the protected resource with a bearer token; returns its status and body. */
export async function callMcp(world: AsWorld, accessToken: string | null) {
  const response = await fetch(world.resource, {
    headers: accessToken === null ? {} : { authorization: `Bearer ${accessToken}` },
  });
  return {
    status: response.status,
    challenge: response.headers.get("www-authenticate"),
    body: (await response.json()) as Record<string, string>,
  };
}

/** A full sign-in: registered client, tokens in hand. */
export async function signedInClient(world: AsWorld, account = "dana") {
  const { body: client } = await registerClient(world);
  const clientId = client.client_id as string;
  const { verifier, callback } = await signIn(world, clientId, account);
  const code = callback?.searchParams.get("code");
  if (!code) throw new Error("sign-in produced no code");
  const tokens = await exchangeCode(world, clientId, code, verifier);
  return { clientId, tokens: tokens.body, code, verifier };
}
