import type { GithubProviderConfig } from "@mcp-coordinator/auth";
import type { AuthCheck } from "./doctor-auth.js";

const TIMEOUT_MS = 5_000;

/** The variables a GitHub provider's settings come from, for hints. */
const prefixOf = (provider: GithubProviderConfig) =>
  provider.kind === "app" ? "COORDINATOR_GITHUB_APP" : "COORDINATOR_GITHUB";

const where = (provider: GithubProviderConfig) =>
  provider.kind === "app"
    ? "GitHub → Settings → Developer settings → GitHub Apps → your app"
    : "GitHub → Settings → Developer settings → OAuth Apps → your app";

/**
 * The authorization endpoint with our client id and callback, asked as a signed-out browser would
 * ("Authorizing OAuth apps", step 1). GitHub answers an unknown client id with a 404 page, a callback
 * the app does not allow by redirecting to the registered one with `error=redirect_uri_mismatch`
 * ("Troubleshooting authorization request errors") or by a page naming the redirect_uri, and an
 * acceptable request by sending the browser on (to its login page, or back with a code).
 */
async function authorizeCheck(provider: GithubProviderConfig, callback: string): Promise<AuthCheck> {
  const name = `github ${provider.id} redirect URI`;
  const hint = `in ${where(provider)}, set the callback URL to ${callback}; check ${prefixOf(provider)}_CLIENT_ID`;
  const url = new URL(`${provider.webUrl}/login/oauth/authorize`);
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("redirect_uri", callback);
  url.searchParams.set("state", "doctor");
  try {
    const res = await fetch(url, {
      redirect: "manual",
      headers: { accept: "text/html" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = await res.text();
    if (res.status === 404) {
      return {
        name,
        ok: false,
        detail: `${provider.name} does not know client id ${provider.clientId} (HTTP 404)`,
        hint,
      };
    }
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get("location") ?? "";
      const error = location === "" ? null : new URL(location, url).searchParams.get("error");
      if (error !== null) {
        return {
          name,
          ok: false,
          detail: `${provider.name} refused ${callback}: ${error}`,
          hint,
        };
      }
      return { name, ok: true, detail: `${provider.name} accepts ${callback} for ${provider.clientId}` };
    }
    if (res.status === 200 && !/redirect_uri/i.test(body)) {
      return { name, ok: true, detail: `${provider.name} shows its sign-in page for ${callback}` };
    }
    return {
      name,
      ok: false,
      detail: `${provider.name} answered HTTP ${res.status}${/redirect_uri/i.test(body) ? " about the redirect_uri" : ""} for ${callback}`,
      hint,
    };
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message, hint };
  }
}

/**
 * The client secret, checked without a user: a code exchange with a code that cannot exist. GitHub
 * checks the client's credentials first and answers (with HTTP 200, as all its token errors)
 * `incorrect_client_credentials` for a wrong secret, `bad_verification_code` once the credentials pass.
 */
async function secretCheck(provider: GithubProviderConfig, callback: string): Promise<AuthCheck> {
  const name = `github ${provider.id} client secret`;
  const hint = `generate a new client secret in ${where(provider)} and set ${prefixOf(provider)}_CLIENT_SECRET`;
  try {
    const res = await fetch(`${provider.webUrl}/login/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        client_id: provider.clientId,
        client_secret: provider.clientSecret,
        code: "mcp-coordinator-doctor-probe",
        redirect_uri: callback,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    let error: string | null = null;
    try {
      const body = JSON.parse(text) as { error?: unknown };
      error = typeof body.error === "string" ? body.error : null;
    } catch {
      error = new URLSearchParams(text).get("error");
    }
    if (error === "bad_verification_code") {
      return { name, ok: true, detail: `${provider.name} accepts the client id and secret` };
    }
    if (error === "incorrect_client_credentials") {
      return {
        name,
        ok: false,
        detail: `${provider.name} refuses the client secret (incorrect_client_credentials)`,
        hint,
      };
    }
    return {
      name,
      ok: false,
      detail: `${provider.name}'s token endpoint answered HTTP ${res.status}${error ? ` ${error}` : ""}`,
      hint: `check ${prefixOf(provider)}_CLIENT_ID, _CLIENT_SECRET and COORDINATOR_GITHUB_AUTH_BASE_URL`,
    };
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message, hint };
  }
}

/** `doctor --auth` for a GitHub OAuth App or GitHub App upstream: what can be checked without a person. */
export async function githubChecks(provider: GithubProviderConfig, issuer: string): Promise<AuthCheck[]> {
  const callback = `${issuer}/oauth/callback/${provider.id}`;
  return [await authorizeCheck(provider, callback), await secretCheck(provider, callback)];
}
