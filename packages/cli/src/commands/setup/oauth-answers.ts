import { CliError } from "../cli-error.js";

export const IDP_KINDS = ["github", "github-app", "google", "oidc"] as const;
export type IdpKind = (typeof IDP_KINDS)[number];

/** Everything the OAuth wizard needs; each has a flag, so it also runs without a terminal. */
export interface OAuthAnswers {
  readonly idp: IdpKind;
  /** The URL people reach the coordinator at (issuer; tokens name `<publicUrl>/mcp`). */
  readonly publicUrl: string;
  /** oidc: the id in URLs and variables (`/oauth/callback/<id>`). */
  readonly providerId: string;
  readonly providerName: string | null;
  /** oidc only. */
  readonly issuer: string | null;
  readonly clientId: string;
  /** The environment variable holding the client secret; null: a public OIDC client (PKCE only). */
  readonly clientSecretEnv: string | null;
  readonly allowOrgs: readonly string[];
  readonly allowTeams: readonly string[];
  readonly allowDomains: readonly string[];
  readonly allowGroups: readonly string[];
  readonly org: string | null;
  /** GitHub Enterprise Server: the web and API base URLs. */
  readonly githubUrl: string | null;
  readonly githubApiUrl: string | null;
}

/** `init --auth oauth` flags, as commander gives them. */
export interface OAuthFlags {
  readonly idp?: string;
  readonly publicUrl?: string;
  readonly providerId?: string;
  readonly providerName?: string;
  readonly issuer?: string;
  readonly clientId?: string;
  readonly clientSecretEnv?: string;
  readonly allowOrg?: readonly string[];
  readonly allowTeam?: readonly string[];
  readonly allowDomain?: readonly string[];
  readonly allowGroup?: readonly string[];
  readonly org?: string;
  readonly githubUrl?: string;
  readonly githubApiUrl?: string;
}

/** Asks a person; only built when stdin and stdout are a terminal (tty-prompter.ts). */
export interface Prompter {
  select(message: string, choices: readonly { value: string; name: string }[]): Promise<string>;
  /** `validate` returns an error message, or null when the answer is fine. */
  input(
    message: string,
    options?: { default?: string; validate?: (value: string) => string | null },
  ): Promise<string>;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PROVIDER_ID = /^[a-z][a-z0-9-]{0,31}$/;

const IDP_NAMES: Record<IdpKind, string> = {
  github: "GitHub (OAuth App)",
  "github-app": "GitHub App (expiring, refreshable user tokens)",
  google: "Google",
  oidc: "OpenID Connect (Okta, Keycloak, Entra ID, Auth0 …)",
};

/** The client secret's variable when none is named: the one oauth mode reads itself. */
export function defaultSecretEnv(idp: IdpKind, providerId: string): string {
  if (idp === "github") return "COORDINATOR_GITHUB_CLIENT_SECRET";
  if (idp === "github-app") return "COORDINATOR_GITHUB_APP_CLIENT_SECRET";
  if (idp === "google") return "COORDINATOR_GOOGLE_CLIENT_SECRET";
  return `COORDINATOR_OIDC_${providerId.toUpperCase().replace(/-/g, "_")}_CLIENT_SECRET`;
}

const list = (values: readonly string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");

function checkUrl(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return null;
  } catch {}
  return "must be an http(s) URL, e.g. https://coord.acme.com";
}

/**
 * The answers from the flags, asking `prompter` for each one missing (and for the allowlists when none
 * was given). Without a prompter, every missing answer is named in one CliError with its flag.
 */
export async function gatherOAuthAnswers(
  flags: OAuthFlags,
  prompter: Prompter | null,
): Promise<OAuthAnswers> {
  const missing: string[] = [];
  const ask = async (
    flag: string,
    given: string | undefined,
    question: string,
    options: { default?: string; validate?: (value: string) => string | null } = {},
  ): Promise<string> => {
    if (given !== undefined && given.trim() !== "") {
      const problem = options.validate?.(given.trim()) ?? null;
      if (problem !== null)
        throw new CliError(`init --auth oauth: ${flag.split(" ")[0]} ${JSON.stringify(given)} ${problem}.`);
      return given.trim();
    }
    if (prompter === null) {
      if (options.default !== undefined) return options.default;
      missing.push(flag);
      return "";
    }
    const required = (v: string) => (v.trim() === "" ? "an answer is needed" : null);
    return (await prompter.input(question, { ...options, validate: options.validate ?? required })).trim();
  };

  let idp = flags.idp;
  if (idp === undefined && prompter !== null) {
    idp = await prompter.select(
      "Which identity provider will people sign in with?",
      IDP_KINDS.map((value) => ({ value, name: IDP_NAMES[value] })),
    );
  }
  if (idp === undefined) missing.push("--idp github|github-app|google|oidc");
  else if (!(IDP_KINDS as readonly string[]).includes(idp)) {
    throw new CliError(
      `init --auth oauth: --idp ${JSON.stringify(idp)} must be one of ${IDP_KINDS.join(", ")}.`,
    );
  }
  const kind = (idp ?? "oidc") as IdpKind;
  const publicUrl = await ask(
    "--public-url <url>",
    flags.publicUrl,
    "The URL people reach the coordinator at",
    {
      validate: checkUrl,
    },
  );
  const providerId =
    kind === "oidc"
      ? await ask("--provider-id <id>", flags.providerId, "A short id for this provider (used in URLs)", {
          default: "oidc",
          validate: (v) =>
            PROVIDER_ID.test(v) ? null : "must be lower-case letters, digits and dashes, e.g. okta",
        })
      : kind;
  const issuer =
    kind === "oidc"
      ? await ask(
          "--issuer <url>",
          flags.issuer,
          "The provider's issuer URL (its discovery document's issuer)",
          {
            validate: checkUrl,
          },
        )
      : null;
  const clientId = await ask("--client-id <id>", flags.clientId, "The client id the provider gave you");
  const secretDefault = defaultSecretEnv(kind, providerId || "oidc");
  let clientSecretEnv: string | null;
  const validateEnv = (v: string) =>
    ENV_NAME.test(v) ? null : "must be an environment variable name, e.g. OKTA_CLIENT_SECRET";
  if (flags.clientSecretEnv !== undefined || prompter !== null) {
    const answer = await ask(
      "--client-secret-env <NAME>",
      flags.clientSecretEnv,
      kind === "oidc"
        ? "The environment variable that will hold the client secret (type - for a public client)"
        : "The environment variable that will hold the client secret",
      { default: secretDefault, validate: (v) => (v === "-" && kind === "oidc" ? null : validateEnv(v)) },
    );
    clientSecretEnv = answer === "-" ? null : answer;
  } else {
    // Without a terminal and without the flag: the variable oauth mode reads (a public OIDC client
    // is chosen by leaving that variable unset on the server).
    clientSecretEnv = kind === "oidc" ? null : secretDefault;
  }

  let allowOrgs = list(flags.allowOrg);
  let allowTeams = list(flags.allowTeam);
  let allowDomains = list(flags.allowDomain);
  let allowGroups = list(flags.allowGroup);
  const noneGiven = [allowOrgs, allowTeams, allowDomains, allowGroups].every((l) => l.length === 0);
  if (noneGiven && prompter !== null) {
    const many = async (question: string) =>
      list([await prompter.input(`${question} (comma-separated, empty for none)`)]);
    if (kind === "github" || kind === "github-app") {
      allowOrgs = await many("GitHub orgs whose active members may sign in");
      allowTeams = await many("GitHub teams (org/team-slug) whose members may sign in");
    }
    allowDomains = await many("Verified email domains that may sign in");
    if (kind === "oidc") allowGroups = await many("Groups (from the groups claim) that may sign in");
  }
  if (missing.length > 0) {
    throw new CliError(
      `init --auth oauth: no terminal to ask on, so these are needed as flags: ${missing.join(", ")}.`,
    );
  }
  if (
    (kind === "github" || kind === "github-app") &&
    allowOrgs.length + allowTeams.length + allowDomains.length === 0
  ) {
    throw new CliError(
      "init --auth oauth: anyone can open a GitHub account; name who may sign in with --allow-org <org>, --allow-team <org/team> or --allow-domain <domain>.",
    );
  }
  if (kind === "google" && allowDomains.length === 0) {
    throw new CliError(
      "init --auth oauth: anyone can open a Google account; name your Workspace domain with --allow-domain <domain>.",
    );
  }
  return {
    idp: kind,
    publicUrl: publicUrl.replace(/\/+$/, ""),
    providerId,
    providerName: flags.providerName?.trim() || null,
    issuer: issuer === null ? null : issuer.replace(/\/+$/, ""),
    clientId,
    clientSecretEnv,
    allowOrgs,
    allowTeams,
    allowDomains,
    allowGroups,
    org: flags.org?.trim() || null,
    githubUrl: flags.githubUrl?.trim() || null,
    githubApiUrl: flags.githubApiUrl?.trim() || null,
  };
}
