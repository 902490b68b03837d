import { createHash, randomBytes } from "node:crypto";
import { parseAuthConfig, parseOAuthConfig } from "@mcp-coordinator/auth";
import type { AuthCheck } from "./doctor-auth.js";
import { githubChecks } from "./doctor-github.js";

const TIMEOUT_MS = 5_000;

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: { accept: "application/json" },
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { status: res.status, body: {} };
  }
}

const failed = (name: string, error: unknown, hint?: string): AuthCheck => ({
  name,
  ok: false,
  detail: error instanceof Error ? error.message : String(error),
  ...(hint ? { hint } : {}),
});

/**
 * What an MCP client discovers [MCP authorization, RFC 9728, RFC 8414]: `/mcp` without a token answers
 * 401 with an absolute `resource_metadata`, that document names the authorization server, whose metadata
 * offers PKCE S256 and registration. Returns the checks and the server's issuer (its public URL).
 */
async function discoveryChecks(base: string): Promise<{ checks: AuthCheck[]; issuer: string | null }> {
  const checks: AuthCheck[] = [];
  let metadataUrl: string | null = null;
  try {
    const res = await fetch(`${base}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.arrayBuffer();
    metadataUrl = /resource_metadata="([^"]+)"/.exec(res.headers.get("www-authenticate") ?? "")?.[1] ?? null;
    const absolute = metadataUrl !== null && /^https?:\/\//.test(metadataUrl);
    checks.push({
      name: "oauth challenge",
      ok: res.status === 401 && absolute,
      detail: `POST /mcp without a token: HTTP ${res.status}, resource_metadata ${metadataUrl ?? "(missing)"}`,
      hint: "start the server with --auth oauth; MCP clients sign in only after this 401",
    });
  } catch (error) {
    checks.push(failed("oauth challenge", error));
  }
  if (metadataUrl === null) return { checks, issuer: null };
  let issuer: string | null = null;
  try {
    const prm = await getJson(metadataUrl);
    const servers = prm.body.authorization_servers;
    issuer = Array.isArray(servers) && typeof servers[0] === "string" ? servers[0] : null;
    const resource = String(prm.body.resource ?? "");
    checks.push({
      name: "protected resource metadata",
      ok: prm.status === 200 && resource.endsWith("/mcp") && issuer !== null,
      detail: `resource ${resource || "(missing)"}, authorization server ${issuer ?? "(missing)"}`,
      hint: "the resource must be the MCP URL people type: set --public-url to the address they use",
    });
  } catch (error) {
    checks.push(failed("protected resource metadata", error));
  }
  if (issuer === null) return { checks, issuer };
  try {
    const as = await getJson(`${issuer}/.well-known/oauth-authorization-server`);
    const methods = as.body.code_challenge_methods_supported;
    const good =
      as.status === 200 &&
      as.body.issuer === issuer &&
      Array.isArray(methods) &&
      methods.includes("S256") &&
      typeof as.body.registration_endpoint === "string";
    checks.push({
      name: "authorization server metadata",
      ok: good,
      detail: `issuer ${String(as.body.issuer ?? "(missing)")}, PKCE ${JSON.stringify(methods ?? [])}, registration ${as.body.registration_endpoint ? "yes" : "no"}`,
    });
  } catch (error) {
    checks.push(failed("authorization server metadata", error));
  }
  return { checks, issuer };
}

/**
 * One OpenID Connect upstream: its discovery document names the configured issuer, and its authorization
 * endpoint accepts our callback (`<issuer>/oauth/callback/<id>`) for our client id — asked the way a
 * browser would, without signing anyone in: a provider that refuses the redirect URI answers 400 or sends
 * an error back instead of showing its login.
 */
async function upstreamChecks(
  provider: { id: string; name: string; issuer: string; clientId: string },
  callback: string,
): Promise<AuthCheck[]> {
  const name = `upstream ${provider.id}`;
  let endpoint: string;
  try {
    const discovery = await getJson(`${provider.issuer}/.well-known/openid-configuration`);
    const issuer = String(discovery.body.issuer ?? "").replace(/\/+$/, "");
    if (discovery.status !== 200 || issuer !== provider.issuer) {
      return [
        {
          name: `${name} discovery`,
          ok: false,
          detail: `HTTP ${discovery.status}, issuer ${issuer || "(missing)"} (configured ${provider.issuer})`,
          hint: `check COORDINATOR_OIDC_${provider.id.toUpperCase().replace(/-/g, "_")}_ISSUER`,
        },
      ];
    }
    endpoint = String(discovery.body.authorization_endpoint ?? "");
  } catch (error) {
    return [failed(`${name} discovery`, error)];
  }
  const checks: AuthCheck[] = [{ name: `${name} discovery`, ok: true, detail: `issuer ${provider.issuer}` }];
  const url = new URL(endpoint);
  const verifier = randomBytes(32).toString("base64url");
  for (const [k, v] of Object.entries({
    response_type: "code",
    client_id: provider.clientId,
    redirect_uri: callback,
    scope: "openid",
    state: "doctor",
    nonce: "doctor",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }))
    url.searchParams.set(k, v);
  const hint = `register ${callback} as a redirect URI of client ${provider.clientId} at ${provider.name}`;
  try {
    const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.arrayBuffer();
    const location = res.headers.get("location") ?? "";
    const backWithError = location.startsWith(callback) && new URL(location).searchParams.get("error");
    const ok = res.status >= 300 && res.status < 400 && !backWithError;
    checks.push({
      name: `${name} redirect URI`,
      ok,
      detail: ok
        ? `${provider.name} accepts ${callback}`
        : `${provider.name} answered HTTP ${res.status}${backWithError ? ` with error=${backWithError}` : ""} for ${callback}`,
      hint,
    });
  } catch (error) {
    checks.push(failed(`${name} redirect URI`, error, hint));
  }
  return checks;
}

/**
 * `doctor --auth` in oauth mode: discovery as MCP clients see it, then each OIDC upstream and its
 * redirect URI, then each GitHub OAuth App / GitHub App (doctor-github.ts).
 */
export async function oauthChecks(
  base: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<AuthCheck[]> {
  const { checks, issuer } = await discoveryChecks(base);
  if (issuer === null) return checks;
  const jwt = parseAuthConfig(env, { mode: "jwt" });
  if (!jwt.ok || jwt.config.mode !== "jwt") return checks;
  let config: ReturnType<typeof parseOAuthConfig>;
  try {
    config = parseOAuthConfig(env, { jwt: jwt.config, publicUrl: issuer });
  } catch (error) {
    return [...checks, failed("oauth settings", error)];
  }
  for (const provider of config.providers) {
    checks.push(...(await upstreamChecks(provider, `${issuer}/oauth/callback/${provider.id}`)));
  }
  for (const provider of config.github) checks.push(...(await githubChecks(provider, issuer)));
  return checks;
}
