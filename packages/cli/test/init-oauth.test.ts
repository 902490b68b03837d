import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HeadlessBrowser } from "../../auth/test/oauth/browser.js";
import { type OidcIdp, startOidcIdp } from "../../auth/test/oauth/oidc-idp.js";
import { CliError } from "../src/commands/cli-error.js";
import { authChecks } from "../src/commands/doctor-auth.js";
import { initOAuth } from "../src/commands/init-oauth.js";
import { login } from "../src/commands/login/login.js";
import type { Prompter } from "../src/commands/setup/oauth-answers.js";
import { readConfigFile } from "../src/server/config/config-file.js";
import { startTestServer } from "./helpers.js";

const JWT = "a-test-secret-that-is-long-enough-0123456789";
let idp: OidcIdp;
let origin: string;
let port: number;

beforeAll(async () => {
  port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  idp = await startOidcIdp({
    redirectUris: [`${origin}/oauth/callback/acme`],
    users: { dana: { email: "dana@acme.test", email_verified: true, name: "Dana", groups: ["eng"] } },
  });
});

afterAll(async () => {
  await idp?.close();
});

const tempConfig = () => join(mkdtempSync(join(tmpdir(), "init-oauth-")), "config.json");

async function runInit(
  flags: Parameters<typeof initOAuth>[0],
  env: Record<string, string>,
  prompter: Prompter | null = null,
) {
  const configPath = tempConfig();
  const lines: string[] = [];
  const outcome = await initOAuth(flags, { env, configPath, prompter, out: (l) => lines.push(l) }).then(
    () => null,
    (error: unknown) => error as Error,
  );
  return { configPath, lines, outcome };
}

const oidcFlags = () => ({
  idp: "oidc",
  publicUrl: origin,
  providerId: "acme",
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecretEnv: "ACME_OIDC_SECRET",
  allowDomain: ["acme.test"],
  org: "acme",
});

describe("init --auth oauth (the OAuth wizard)", () => {
  it("without a terminal, writes settings that server start accepts, doctor --auth passes and login --browser signs in with", async () => {
    const env = { ACME_OIDC_SECRET: idp.clientSecret, COORDINATOR_JWT_SECRET: JWT };
    const run = await runInit(oidcFlags(), env);
    expect(run.outcome).toBeNull();
    const text = readFileSync(run.configPath, "utf8");
    // The secret is named, never written.
    expect(text).not.toContain(idp.clientSecret);
    expect(statSync(run.configPath).mode & 0o777).toBe(0o600);
    expect(JSON.parse(text).server).toMatchObject({
      auth: "oauth",
      public_url: origin,
      oauth: {
        providers: [
          {
            type: "oidc",
            id: "acme",
            issuer: idp.issuer,
            client_id: idp.clientId,
            client_secret_env: "ACME_OIDC_SECRET",
          },
        ],
        org: "acme",
        allowed_domains: ["acme.test"],
      },
    });
    expect(run.lines).toContain(`✔ ${idp.issuer} publishes its discovery document under that issuer`);
    expect(run.lines).toContain(`  1. Register the redirect URI ${origin}/oauth/callback/acme`);
    expect(run.lines.join("\n")).toContain(
      "export ACME_OIDC_SECRET=<the client secret>   # set in this shell",
    );

    // server start: the mode, public URL and provider all come from the file.
    const server = await startTestServer({
      configFile: run.configPath,
      port,
      env,
      oauthUpstream: { allowInsecure: true },
      mcpHandler: undefined,
    });
    try {
      expect(server.config.auth).toBe("oauth");
      const checks = await authChecks(server.config, server.url, env);
      const failed = checks.filter((c) => !c.ok);
      expect(failed, JSON.stringify(failed)).toEqual([]);
      expect(checks.map((c) => c.name)).toEqual(
        expect.arrayContaining(["upstream acme discovery", "upstream acme redirect URI"]),
      );

      idp.signInAs("dana");
      const home = mkdtempSync(join(tmpdir(), "init-oauth-login-"));
      const out: string[] = [];
      let page: Promise<unknown> | null = null;
      await login(
        { url: server.url, browser: true },
        {
          env: { HOME: home },
          tokenDir: join(home, "tokens"),
          out: (l) => out.push(l),
          openBrowser: async (url) => {
            page = new HeadlessBrowser().follow(url, "never:");
          },
        },
      );
      await page;
      expect(out.at(-1)).toMatch(/^Signed in as .+ \(org acme\)/);
    } finally {
      await server.close();
    }
  });

  it("keeps what config.json already held, and server start names a secret variable that is not set", async () => {
    const configPath = tempConfig();
    writeFileSync(configPath, JSON.stringify({ server: { log_level: "warn" }, policy: { rules: [] } }));
    const init = await initOAuth(oidcFlags(), {
      env: { ACME_OIDC_SECRET: idp.clientSecret },
      configPath,
      prompter: null,
      out: () => {},
    }).then(
      () => null,
      (error: Error) => error,
    );
    expect(init).toBeNull();
    const data = JSON.parse(readFileSync(configPath, "utf8"));
    expect(data.server.log_level).toBe("warn");
    expect(data.policy).toEqual({ rules: [] });
    await expect(
      startTestServer({
        configFile: configPath,
        port: await freePort(),
        env: { COORDINATOR_JWT_SECRET: JWT },
      }),
    ).rejects.toThrow(
      /server\.oauth\.providers\[0\]\.client_secret_env in config\.json names ACME_OIDC_SECRET, which is not set: export ACME_OIDC_SECRET=/,
    );
  });

  it("refuses a provider whose discovery document names another issuer, and writes nothing", async () => {
    const run = await runInit({ ...oidcFlags(), issuer: `${idp.issuer}/other` }, { ACME_OIDC_SECRET: "x" });
    expect(run.outcome).toBeInstanceOf(CliError);
    expect(run.outcome?.message).toMatch(/^init --auth oauth: .*(answered HTTP 404|names the issuer)/);
    expect(existsSync(run.configPath)).toBe(false);
  });

  it("without a terminal, names every missing answer with its flag", async () => {
    const run = await runInit({ idp: "oidc" }, {});
    expect(run.outcome?.message).toBe(
      "init --auth oauth: no terminal to ask on, so these are needed as flags: --public-url <url>, --issuer <url>, --client-id <id>.",
    );
  });

  it("refuses GitHub without an allowlist, and a bad --idp or --client-secret-env", async () => {
    const github = { idp: "github", publicUrl: "https://coord.acme.test", clientId: "Ov23li" };
    expect((await runInit(github, {})).outcome?.message).toBe(
      "init --auth oauth: anyone can open a GitHub account; name who may sign in with --allow-org <org>, --allow-team <org/team> or --allow-domain <domain>.",
    );
    expect((await runInit({ ...github, idp: "gitlab" }, {})).outcome?.message).toBe(
      'init --auth oauth: --idp "gitlab" must be one of github, github-app, google, oidc.',
    );
    expect(
      (await runInit({ ...github, allowOrg: ["acme"], clientSecretEnv: "not a name" }, {})).outcome?.message,
    ).toBe(
      'init --auth oauth: --client-secret-env "not a name" must be an environment variable name, e.g. OKTA_CLIENT_SECRET.',
    );
    // The server's own rule, reported before anything is written: a team is org/team-slug.
    expect((await runInit({ ...github, allowTeam: ["platform"] }, {})).outcome?.message).toContain(
      'COORDINATOR_GITHUB_TEAMS names "platform"; write org/team-slug',
    );
  });

  it("on a terminal, asks what the flags left out (a GitHub App) and prints the callback URL and the key to set", async () => {
    const asked: string[] = [];
    const answers = new Map<string, string>([
      ["The URL people reach the coordinator at", "https://coord.acme.test"],
      ["The client id the provider gave you", "Iv1.abc"],
      ["The environment variable that will hold the client secret", "GH_APP_SECRET"],
      ["GitHub orgs whose active members may sign in (comma-separated, empty for none)", "acme, acme-labs"],
      ["GitHub teams (org/team-slug) whose members may sign in (comma-separated, empty for none)", ""],
      ["Verified email domains that may sign in (comma-separated, empty for none)", ""],
    ]);
    const prompter: Prompter = {
      async select(message, choices) {
        asked.push(message);
        expect(choices.map((c) => c.value)).toEqual(["github", "github-app", "google", "oidc"]);
        return "github-app";
      },
      async input(message, options) {
        asked.push(message);
        const answer = answers.get(message);
        if (answer === undefined) throw new Error(`unexpected question: ${message}`);
        expect(options?.validate?.(answer) ?? null).toBeNull();
        return answer;
      },
    };
    const run = await runInit({}, {}, prompter);
    expect(run.outcome).toBeNull();
    expect(asked[0]).toBe("Which identity provider will people sign in with?");
    const data = readConfigFile(run.configPath)?.data;
    expect(data?.server?.oauth).toEqual({
      providers: [{ type: "github-app", client_id: "Iv1.abc", client_secret_env: "GH_APP_SECRET" }],
      github_orgs: ["acme", "acme-labs"],
    });
    const printed = run.lines.join("\n");
    expect(printed).toContain("Register the redirect URI https://coord.acme.test/oauth/callback/github-app");
    expect(printed).toContain("export GH_APP_SECRET=<the client secret>   # not set in this shell");
    expect(printed).toContain("export COORDINATOR_ENCRYPTION_KEY=");
    expect(printed).toContain("mcp-coordinator server start --daemon --bind 0.0.0.0");
  });

  it("config.json refuses a client secret written in clear", () => {
    const configPath = tempConfig();
    writeFileSync(
      configPath,
      JSON.stringify({
        server: {
          oauth: {
            providers: [
              { type: "github", client_id: "Ov23li", client_secret: "hunter2", client_secret_env: "X" },
            ],
          },
        },
      }),
    );
    expect(() => readConfigFile(configPath)).toThrow(/unknown key "client_secret"/);
  });
});
