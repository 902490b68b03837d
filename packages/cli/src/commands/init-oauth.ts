import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { configFilePath, readConfigFile } from "../server/config/config-file.js";
import { CliError } from "./cli-error.js";
import { gatherOAuthAnswers, type OAuthFlags, type Prompter } from "./setup/oauth-answers.js";
import { checkOAuthSettings, oauthSettingsOf, redirectUriOf, verifyIssuer } from "./setup/oauth-settings.js";

export interface InitOAuthFlags extends OAuthFlags {
  /** `--no-verify`: skip the online check of the provider (offline setup). */
  readonly verify?: boolean;
  /** `--no-input`: never ask, even on a terminal. */
  readonly input?: boolean;
}

export interface InitOAuthDeps {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly out?: (line: string) => void;
  /** Default ~/.mcp-coordinator/config.json. */
  readonly configPath?: string;
  /** Default: questions on the terminal when stdin and stdout are one, else none. */
  readonly prompter?: Prompter | null;
  readonly fetch?: typeof fetch;
}

/** Writes `data` as JSON through a temp file renamed over the target (a reader never sees half a file). */
function writeJsonAtomically(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomUUID()}.tmp`;
  writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  renameSync(temp, path);
}

/**
 * `init --auth oauth`, the second phase of setup: asks (or reads from flags) which identity provider
 * people use, checks the answers as the server will read them and, for OpenID Connect, that the
 * provider's discovery document names that issuer; then writes `server.auth`, `server.public_url` and
 * `server.oauth` into config.json (other keys kept) and prints what is left to do by hand.
 */
export async function initOAuth(flags: InitOAuthFlags, deps: InitOAuthDeps = {}): Promise<void> {
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const env = deps.env ?? process.env;
  const path = deps.configPath ?? configFilePath();
  let prompter = deps.prompter;
  if (prompter === undefined) {
    const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true && flags.input !== false;
    prompter = terminal ? await (await import("./setup/tty-prompter.js")).createTtyPrompter() : null;
  }
  const existing = existsSync(path) ? readConfigFile(path) : null;
  const answers = await gatherOAuthAnswers(flags, prompter);
  const settings = oauthSettingsOf(answers);
  checkOAuthSettings(settings, answers.publicUrl, env);
  if (answers.issuer !== null && flags.verify !== false) {
    await verifyIssuer(answers.issuer, deps.fetch ?? fetch);
    out(`✔ ${answers.issuer} publishes its discovery document under that issuer`);
  }
  const data = existing?.data ?? {};
  const next = {
    ...data,
    server: {
      ...(data.server ?? { data_dir: "~/.mcp-coordinator/data" }),
      auth: "oauth",
      public_url: answers.publicUrl,
      oauth: settings,
    },
    defaults: { ...data.defaults, coordinator_url: data.defaults?.coordinator_url ?? answers.publicUrl },
  };
  writeJsonAtomically(path, next);
  try {
    readConfigFile(path);
  } catch (error) {
    throw new CliError(
      `init --auth oauth: wrote ${path}, but it does not read back: ${(error as Error).message}`,
    );
  }
  out(`✔ wrote the OAuth settings to ${path} (no secret in it)`);
  printNextSteps(out, answers, redirectUriOf(answers.publicUrl, settings), env);
}

function printNextSteps(
  out: (line: string) => void,
  answers: Awaited<ReturnType<typeof gatherOAuthAnswers>>,
  redirectUri: string,
  env: Readonly<Record<string, string | undefined>>,
): void {
  const at =
    answers.idp === "github"
      ? "GitHub → Settings → Developer settings → OAuth Apps → your app: Authorization callback URL"
      : answers.idp === "github-app"
        ? "GitHub → Settings → Developer settings → GitHub Apps → your app: Callback URL"
        : answers.idp === "google"
          ? "Google Cloud console → Credentials → your OAuth client: Authorized redirect URI"
          : `${answers.issuer}: the client's redirect URI`;
  out("");
  out("Next steps:");
  out(`  1. Register the redirect URI ${redirectUri}`);
  out(`     (${at})`);
  out("  2. Where the server runs, set (never in config.json):");
  if (answers.clientSecretEnv !== null) {
    const here = env[answers.clientSecretEnv] ? "set in this shell" : "not set in this shell";
    out(`       export ${answers.clientSecretEnv}=<the client secret>   # ${here}`);
  } else {
    out("       (a public client: no client secret, PKCE only)");
  }
  if (!env.COORDINATOR_JWT_SECRET && !env.COORDINATOR_JWT_PRIVATE_KEY) {
    out(
      '       export COORDINATOR_JWT_SECRET="$(mcp-coordinator rotate-jwt-secret 2>/dev/null)"   # signs access tokens',
    );
  }
  if (answers.idp === "github-app" && !env.COORDINATOR_ENCRYPTION_KEY) {
    out(
      '       export COORDINATOR_ENCRYPTION_KEY="$(mcp-coordinator rotate-encryption-key --generate 2>/dev/null)"   # seals GitHub App tokens',
    );
  }
  const loopback = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(answers.publicUrl);
  out(
    `  3. mcp-coordinator server start --daemon${loopback ? "" : " --bind 0.0.0.0"}   # auth and public URL come from config.json`,
  );
  out("  4. mcp-coordinator doctor --auth   # discovery, the provider, the redirect URI");
  out(`  5. mcp-coordinator login --browser --url ${answers.publicUrl}   # or login, for a device code`);
}
