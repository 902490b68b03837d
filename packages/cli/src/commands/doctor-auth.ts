import { MIN_SECRET_LENGTH, parseAuthConfig } from "@mcp-coordinator/auth";
import { withOAuthFileSettings } from "../server/config/oauth-file.js";
import type { ServerConfig } from "../server/config/resolve-config.js";

export interface AuthCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly hint?: string;
}

/** Beyond this, `iat`/`exp` checks between this machine and the server disagree noticeably (RFC 7519 §4.1.4 leaves leeway to the verifier). */
const MAX_SKEW_MS = 60_000;
const TIMEOUT_MS = 5_000;
const CREATE = "mcp-coordinator token create --org <org> --user <you>";

/**
 * `doctor --auth`: the mode (local setting and the server's /health), the signing secret's strength, the
 * clock skew against the server's `Date` header [RFC 9110 §6.6.1], in oauth mode discovery and each
 * upstream's redirect URI (doctor-oauth.ts), and MCP_COORDINATOR_TOKEN: when it expires and whether the
 * server accepts it.
 */
export async function authChecks(
  config: ServerConfig | null,
  base: string | null,
  env: Readonly<Record<string, string | undefined>> = process.env,
  now: () => number = Date.now,
): Promise<AuthCheck[]> {
  const checks: AuthCheck[] = [];
  const localMode = config?.auth ?? "open";
  let serverMode: string | null = null;
  let serverDate: number | null = null;
  if (base !== null) {
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      serverMode = String(((await res.json()) as { mode?: unknown }).mode ?? "unknown");
      const date = res.headers.get("date");
      serverDate = date ? Date.parse(date) : null;
    } catch {
      serverMode = null;
    }
  }
  const mode = serverMode ?? localMode;
  checks.push({
    name: "auth mode",
    ok: serverMode === null || serverMode === localMode,
    detail: `server ${serverMode ?? "(not reachable)"}, local setting ${localMode}`,
    hint: "start the server with the same --auth / COORDINATOR_AUTH_ENABLED this shell uses",
  });
  if (localMode === "jwt") {
    const parsed = parseAuthConfig(env, { mode: "jwt" });
    const secret = env.COORDINATOR_JWT_SECRET ?? "";
    checks.push(
      parsed.ok
        ? {
            name: "jwt secret",
            ok: true,
            detail: env.COORDINATOR_JWT_PRIVATE_KEY
              ? "asymmetric signing key set"
              : `${secret.length} characters (minimum ${MIN_SECRET_LENGTH}; 44 from rotate-jwt-secret)`,
          }
        : {
            name: "jwt secret",
            ok: false,
            detail: parsed.error.message,
            hint: "mcp-coordinator rotate-jwt-secret prints a strong one",
          },
    );
  }
  if (serverDate !== null && !Number.isNaN(serverDate)) {
    // The Date header has one-second resolution: up to 1 s of the difference is rounding.
    const skew = now() - serverDate;
    checks.push({
      name: "clock skew",
      ok: Math.abs(skew) <= MAX_SKEW_MS,
      detail: `${Math.round(skew / 1000)} s against the server`,
      hint: "sync this machine's clock (NTP): tokens look not-yet-valid or expired otherwise",
    });
  }
  if (base !== null && mode === "oauth") {
    const { oauthChecks } = await import("./doctor-oauth.js");
    let oauthEnv: Readonly<Record<string, string | undefined>> | null = null;
    try {
      // The server reads config.json's `server.oauth` under its environment; so does this check.
      oauthEnv = withOAuthFileSettings(config?.oauthFile ?? null, env);
    } catch (error) {
      checks.push({
        name: "oauth settings",
        ok: false,
        detail: (error as Error).message,
        hint: "export the variable in this shell too, or run doctor where the server runs",
      });
    }
    if (oauthEnv !== null) checks.push(...(await oauthChecks(base, oauthEnv)));
  }
  const token = env.MCP_COORDINATOR_TOKEN?.trim() || null;
  if (token === null) {
    checks.push({
      name: "token",
      ok: mode !== "jwt",
      detail: mode === "jwt" ? "MCP_COORDINATOR_TOKEN is not set" : "not needed in open mode",
      hint: `ask an org admin for one (${CREATE}) and export MCP_COORDINATOR_TOKEN`,
    });
    return checks;
  }
  const exp = expiryOf(token);
  checks.push(
    exp === null
      ? { name: "token", ok: false, detail: "MCP_COORDINATOR_TOKEN is not a JWT", hint: CREATE }
      : exp <= now()
        ? {
            name: "token",
            ok: false,
            detail: `MCP_COORDINATOR_TOKEN expired ${new Date(exp).toISOString()}`,
            hint: CREATE,
          }
        : {
            name: "token",
            ok: true,
            detail: `expires ${new Date(exp).toISOString()} (in ${Math.round((exp - now()) / 3_600_000)} h)`,
          },
  );
  if (base !== null && mode === "jwt") {
    try {
      const res = await fetch(`${base}/api/status`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body = (await res.json()) as { error?: { message?: string } };
      checks.push(
        res.ok
          ? { name: "token accepted", ok: true, detail: "the server accepts MCP_COORDINATOR_TOKEN" }
          : {
              name: "token accepted",
              ok: false,
              detail: `HTTP ${res.status}: ${body.error?.message ?? "refused"}`,
              hint: CREATE,
            },
      );
    } catch (error) {
      checks.push({ name: "token accepted", ok: false, detail: (error as Error).message });
    }
  }
  return checks;
}

/** The `exp` claim in ms, read without verifying: the server verifies; this only reports. */
export function expiryOf(token: string): number | null {
  const payload = token.split(".")[1];
  if (payload === undefined) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { exp?: unknown };
    return typeof claims.exp === "number" ? claims.exp * 1_000 : null;
  } catch {
    return null;
  }
}
