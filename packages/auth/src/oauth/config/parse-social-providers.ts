import { AuthError } from "../../errors.js";
import { type Env, list, optional } from "./env-values.js";
import type { GithubProviderConfig, GoogleProviderConfig } from "./oauth-config.js";

const invalid = (name: string, message: string) => new AuthError("AUTH_CONFIG_INVALID", message, name);

/** A client id and secret configured together, or neither (fail closed on half a configuration). */
function pair(env: Env, prefix: string): { clientId: string; clientSecret: string } | null {
  const clientId = optional(env, `${prefix}_CLIENT_ID`);
  const clientSecret = optional(env, `${prefix}_CLIENT_SECRET`);
  if (clientId === null && clientSecret === null) return null;
  if (clientId === null || clientSecret === null) {
    const missing = clientId === null ? `${prefix}_CLIENT_ID` : `${prefix}_CLIENT_SECRET`;
    throw invalid(
      missing,
      `${missing} is not set; ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET go together (both from the app's settings page).`,
    );
  }
  return { clientId, clientSecret };
}

function baseUrl(env: Env, name: string, fallback: string): string {
  const raw = optional(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(name, `${name}=${JSON.stringify(raw)} is not a URL (e.g. https://github.acme.test).`);
  }
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw invalid(name, `${name}=${JSON.stringify(raw)} must be an https:// URL.`);
  }
  return raw.replace(/\/+$/, "");
}

const ORG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[a-z0-9][a-z0-9_-]{0,99}$/;

/**
 * GitHub OAuth App (`COORDINATOR_GITHUB_CLIENT_ID` + `_SECRET`) and GitHub App
 * (`COORDINATOR_GITHUB_APP_CLIENT_ID` + `_SECRET`, `COORDINATOR_GITHUB_APP_NAME`), sharing the org/team
 * allowlist (`COORDINATOR_GITHUB_ORG`, `COORDINATOR_GITHUB_TEAMS`) and the base URLs
 * (`COORDINATOR_GITHUB_AUTH_BASE_URL`, `COORDINATOR_GITHUB_API_BASE_URL`, for GitHub Enterprise Server).
 * Anyone can open a GitHub account, so a GitHub provider needs an org, team or email-domain allowlist.
 */
export function parseGithubProviders(env: Env, emailDomains: readonly string[]): GithubProviderConfig[] {
  const oauthApp = pair(env, "COORDINATOR_GITHUB");
  const app = pair(env, "COORDINATOR_GITHUB_APP");
  if (oauthApp === null && app === null) return [];
  const allowedOrgs = list(env, "COORDINATOR_GITHUB_ORG");
  const allowedTeams = list(env, "COORDINATOR_GITHUB_TEAMS");
  for (const org of allowedOrgs) {
    if (!ORG.test(org))
      throw invalid(
        "COORDINATOR_GITHUB_ORG",
        `COORDINATOR_GITHUB_ORG names ${JSON.stringify(org)}, not a GitHub org login.`,
      );
  }
  for (const team of allowedTeams) {
    if (!TEAM.test(team)) {
      throw invalid(
        "COORDINATOR_GITHUB_TEAMS",
        `COORDINATOR_GITHUB_TEAMS names ${JSON.stringify(team)}; write org/team-slug (e.g. acme/platform).`,
      );
    }
  }
  if (allowedOrgs.length === 0 && allowedTeams.length === 0 && emailDomains.length === 0) {
    throw invalid(
      "COORDINATOR_GITHUB_ORG",
      "COORDINATOR_GITHUB_ORG is not set: any GitHub account could sign in. Set COORDINATOR_GITHUB_ORG=<your org> (or COORDINATOR_GITHUB_TEAMS=org/team, or COORDINATOR_OAUTH_ALLOWED_DOMAINS).",
    );
  }
  const shared = {
    webUrl: baseUrl(env, "COORDINATOR_GITHUB_AUTH_BASE_URL", "https://github.com"),
    apiUrl: baseUrl(env, "COORDINATOR_GITHUB_API_BASE_URL", "https://api.github.com"),
    allowedOrgs,
    allowedTeams,
  };
  const providers: GithubProviderConfig[] = [];
  if (oauthApp !== null)
    providers.push({ id: "github", kind: "oauth-app", name: "GitHub", ...oauthApp, ...shared });
  if (app !== null) {
    const name = optional(env, "COORDINATOR_GITHUB_APP_NAME") ?? "GitHub App";
    providers.push({ id: "github-app", kind: "app", name, ...app, ...shared });
  }
  return providers;
}

/**
 * Google (`COORDINATOR_GOOGLE_CLIENT_ID` + `_SECRET`). Anyone can open a Google account, so Google needs
 * `COORDINATOR_OAUTH_ALLOWED_DOMAINS` (verified email domains, e.g. the Workspace domain).
 */
export function parseGoogleProvider(env: Env, emailDomains: readonly string[]): GoogleProviderConfig | null {
  const google = pair(env, "COORDINATOR_GOOGLE");
  if (google === null) return null;
  if (emailDomains.length === 0) {
    throw invalid(
      "COORDINATOR_OAUTH_ALLOWED_DOMAINS",
      "COORDINATOR_OAUTH_ALLOWED_DOMAINS is not set: any Google account could sign in. Set it to your Workspace domain(s), e.g. acme.com.",
    );
  }
  return { id: "google", name: "Google", ...google };
}
