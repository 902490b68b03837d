import { parseAuthConfig, parseOAuthConfig } from "@mcp-coordinator/auth";
import {
  type OAuthFileSettings,
  oauthFileSchema,
  withOAuthFileSettings,
} from "../../server/config/oauth-file.js";
import { CliError } from "../cli-error.js";
import type { OAuthAnswers } from "./oauth-answers.js";

type Env = Readonly<Record<string, string | undefined>>;

/** config.json's `server.oauth` for these answers: ids, URLs and allowlists; the secret by its variable. */
export function oauthSettingsOf(answers: OAuthAnswers): OAuthFileSettings {
  const provider =
    answers.idp === "oidc"
      ? {
          type: "oidc" as const,
          id: answers.providerId,
          ...(answers.providerName ? { name: answers.providerName } : {}),
          issuer: answers.issuer as string,
          client_id: answers.clientId,
          ...(answers.clientSecretEnv ? { client_secret_env: answers.clientSecretEnv } : {}),
          ...(answers.allowGroups.length > 0 ? { scopes: ["openid", "email", "profile", "groups"] } : {}),
        }
      : answers.idp === "google"
        ? {
            type: "google" as const,
            client_id: answers.clientId,
            client_secret_env: answers.clientSecretEnv as string,
          }
        : {
            type: answers.idp,
            ...(answers.providerName ? { name: answers.providerName } : {}),
            client_id: answers.clientId,
            client_secret_env: answers.clientSecretEnv as string,
            ...(answers.githubUrl ? { web_url: answers.githubUrl } : {}),
            ...(answers.githubApiUrl ? { api_url: answers.githubApiUrl } : {}),
          };
  const lists = {
    allowed_domains: answers.allowDomains,
    allowed_groups: answers.allowGroups,
    github_orgs: answers.allowOrgs,
    github_teams: answers.allowTeams,
  };
  const parsed = oauthFileSchema.safeParse({
    providers: [provider],
    ...(answers.org ? { org: answers.org } : {}),
    ...Object.fromEntries(Object.entries(lists).filter(([, v]) => v.length > 0)),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`init --auth oauth: ${issue?.path.join(".") || "settings"}: ${issue?.message}.`);
  }
  return parsed.data;
}

/** The callback URL to register at the provider for these settings. */
export function redirectUriOf(publicUrl: string, settings: OAuthFileSettings): string {
  const provider = settings.providers[0];
  const id = provider?.type === "oidc" ? provider.id : (provider?.type ?? "oidc");
  return `${publicUrl}/oauth/callback/${id}`;
}

/**
 * Checks the settings the way the server will read them (parseOAuthConfig), before anything is written.
 * Secrets this shell does not hold are stood in for, only here, only in memory: they are set where the
 * server runs, and `server start` names any that is missing.
 */
export function checkOAuthSettings(settings: OAuthFileSettings, publicUrl: string, env: Env): void {
  const standIns: Record<string, string> = {};
  for (const provider of settings.providers) {
    const name = provider.client_secret_env;
    if (name !== undefined && !env[name]) standIns[name] = "stand-in-secret-for-the-check";
  }
  const checked: Env = {
    COORDINATOR_JWT_SECRET: "stand-in-secret-for-the-check-0123456789abcdef",
    COORDINATOR_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
    ...withOAuthFileSettings(settings, { ...env, ...standIns }),
  };
  const jwt = parseAuthConfig(checked, { mode: "jwt" });
  if (!jwt.ok) throw new CliError(`init --auth oauth: ${jwt.error.message}`);
  if (jwt.config.mode !== "jwt") throw new Error("parseAuthConfig ignored mode jwt");
  try {
    parseOAuthConfig(checked, { jwt: jwt.config, publicUrl });
  } catch (error) {
    throw new CliError(`init --auth oauth: ${(error as Error).message}`);
  }
}

/**
 * OpenID Connect Discovery 1.0 §4: the provider's document must be reachable and name exactly the
 * issuer configured (§4.3), or the server will refuse every sign-in. GitHub publishes no discovery
 * document and Google's is fixed; `doctor --auth` checks those once the callback URL is registered.
 */
export async function verifyIssuer(issuer: string, fetchFn: typeof fetch = fetch): Promise<string> {
  const at = `${issuer}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetchFn(at, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new CliError(
      `init --auth oauth: could not reach ${at} (${(error as Error).message}); check --issuer, or pass --no-verify to write the settings anyway.`,
    );
  }
  const body = (await response.json().catch(() => null)) as {
    issuer?: unknown;
    authorization_endpoint?: unknown;
  } | null;
  if (!response.ok || body === null) {
    throw new CliError(
      `init --auth oauth: ${at} answered HTTP ${response.status} without a discovery document; check --issuer (it is the URL before /.well-known).`,
    );
  }
  const named = typeof body.issuer === "string" ? body.issuer.replace(/\/+$/, "") : "(none)";
  if (named !== issuer) {
    throw new CliError(
      `init --auth oauth: the provider's discovery document names the issuer ${named}, not ${issuer}; pass --issuer ${named}.`,
    );
  }
  return String(body.authorization_endpoint ?? "");
}
