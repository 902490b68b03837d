import { z } from "zod";
import { ConfigError } from "./config-error.js";

/** An environment variable's name: where a secret is read from; the secret itself is never in the file. */
const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name, e.g. OKTA_CLIENT_SECRET");
const id = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "lower-case letters, digits and dashes, e.g. okta");
const url = z.string().url();
const names = z.array(z.string().min(1)).optional();

const oidcProvider = z.strictObject({
  type: z.literal("oidc"),
  id,
  name: z.string().min(1).optional(),
  issuer: url,
  client_id: z.string().min(1),
  /** Absent: a public client (PKCE only). */
  client_secret_env: envName.optional(),
  groups_claim: z.string().min(1).optional(),
  scopes: names,
});
const githubProvider = z.strictObject({
  type: z.enum(["github", "github-app"]),
  name: z.string().min(1).optional(),
  client_id: z.string().min(1),
  client_secret_env: envName,
  /** GitHub Enterprise Server: `https://HOST` and `https://HOST/api/v3`. */
  web_url: url.optional(),
  api_url: url.optional(),
});
const googleProvider = z.strictObject({
  type: z.literal("google"),
  client_id: z.string().min(1),
  client_secret_env: envName,
});

/**
 * `server.oauth` in config.json: what `init --auth oauth` writes. Every value maps onto one of the
 * COORDINATOR_* variables oauth mode reads (see parse-oauth-config.ts); secrets are named by the
 * environment variable that holds them, never written.
 */
export const oauthFileSchema = z.strictObject({
  providers: z.array(z.discriminatedUnion("type", [oidcProvider, githubProvider, googleProvider])).min(1),
  /** The org people join on first sign-in. */
  org: z.string().min(1).optional(),
  allowed_domains: names,
  allowed_groups: names,
  /** GitHub org logins and `org/team-slug` pairs whose active members may sign in. */
  github_orgs: names,
  github_teams: names,
});
export type OAuthFileSettings = z.infer<typeof oauthFileSchema>;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The environment oauth mode reads, with `server.oauth` from config.json underneath: a variable set in
 * the environment wins over the file (flag → env → config.json, as for every setting). A secret named
 * by `client_secret_env` must be set; a missing one is a ConfigError that names it.
 */
export function withOAuthFileSettings(
  settings: OAuthFileSettings | null,
  env: Env,
  where = "config.json",
): Env {
  if (settings === null) return env;
  const file: Record<string, string> = {};
  const set = (name: string, value: string | readonly string[] | undefined) => {
    if (value === undefined) return;
    const text = typeof value === "string" ? value : value.join(",");
    if (text !== "") file[name] = text;
  };
  const secret = (index: number, name: string): string => {
    const value = env[name];
    if (value === undefined || value.trim() === "") {
      throw new ConfigError(
        `server.oauth.providers[${index}].client_secret_env in ${where} names ${name}, which is not set: export ${name}=<the client secret from the identity provider> where the server runs.`,
        "oauth",
        where,
      );
    }
    return value;
  };
  const oidc: string[] = [];
  settings.providers.forEach((provider, index) => {
    if (provider.type === "oidc") {
      oidc.push(provider.id);
      const prefix = `COORDINATOR_OIDC_${provider.id.toUpperCase().replace(/-/g, "_")}_`;
      set(`${prefix}ISSUER`, provider.issuer);
      set(`${prefix}CLIENT_ID`, provider.client_id);
      set(`${prefix}NAME`, provider.name);
      set(`${prefix}GROUPS_CLAIM`, provider.groups_claim);
      set(`${prefix}SCOPES`, provider.scopes);
      if (provider.client_secret_env !== undefined)
        set(`${prefix}CLIENT_SECRET`, secret(index, provider.client_secret_env));
    } else if (provider.type === "google") {
      set("COORDINATOR_GOOGLE_CLIENT_ID", provider.client_id);
      set("COORDINATOR_GOOGLE_CLIENT_SECRET", secret(index, provider.client_secret_env));
    } else {
      const prefix = provider.type === "github-app" ? "COORDINATOR_GITHUB_APP" : "COORDINATOR_GITHUB";
      set(`${prefix}_CLIENT_ID`, provider.client_id);
      set(`${prefix}_CLIENT_SECRET`, secret(index, provider.client_secret_env));
      if (provider.type === "github-app") set("COORDINATOR_GITHUB_APP_NAME", provider.name);
      set("COORDINATOR_GITHUB_AUTH_BASE_URL", provider.web_url);
      set("COORDINATOR_GITHUB_API_BASE_URL", provider.api_url);
    }
  });
  set("COORDINATOR_OIDC_PROVIDERS", oidc);
  set("COORDINATOR_OAUTH_ORG", settings.org);
  set("COORDINATOR_OAUTH_ALLOWED_DOMAINS", settings.allowed_domains);
  set("COORDINATOR_OAUTH_ALLOWED_GROUPS", settings.allowed_groups);
  set("COORDINATOR_GITHUB_ORG", settings.github_orgs);
  set("COORDINATOR_GITHUB_TEAMS", settings.github_teams);
  const merged: Record<string, string | undefined> = { ...file };
  for (const [name, value] of Object.entries(env))
    if (value !== undefined && value !== "") merged[name] = value;
  return merged;
}
