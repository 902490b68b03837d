// The mcp-coordinator command line. Only commander and the version are loaded up front; each command's
// code is imported when that command runs, so `--version` and `--help` answer fast.
import { Command, Option } from "commander";
import { VERSION } from "../version.js";

type Loader = () => Promise<{ run: (...args: never[]) => Promise<void> }>;

function lazy(load: Loader) {
  return async (...args: unknown[]) => {
    const { runCommand } = await import("./run-command.js");
    await runCommand(async () => {
      const mod = await load();
      await (mod.run as (...a: unknown[]) => Promise<void>)(...args);
    });
  };
}

const int = (value: string) => {
  if (!/^\d+$/.test(value)) throw new Error(`expected a non-negative integer, got "${value}"`);
  return Number(value);
};

const program = new Command("mcp-coordinator")
  .description("Coordination server for parallel AI coding agents (MCP + MQTT + dashboard).")
  .version(VERSION, "-v, --version", "print the installed version")
  .showHelpAfterError();

program
  .command("init")
  .description("first-time setup: create ~/.mcp-coordinator/config.json and print the .mcp.json snippet")
  .option("--url <url>", "coordinator URL the snippet points at (default http://localhost:<port>)")
  .option("--write-mcp-config <dir>", "add the coordinator to <dir>/.mcp.json (other servers are kept)")
  .option("--write-claude-md <dir>", "write or refresh the coordination section of <dir>/CLAUDE.md")
  .option("--write-claude-hooks <dir>", "add the coordinator hooks to <dir>/.claude/settings.json")
  .option("--write-cursor-hooks <dir>", "add the coordinator hooks to <dir>/.cursor/hooks.json")
  .option("--write-cline-hooks <dir>", "write the coordinator hook scripts into <dir>/.clinerules/hooks/")
  .option(
    "--write-cline <dir>",
    "Cline: hook scripts in <dir>/.clinerules/hooks/, MCP server in Cline's cline_mcp_settings.json",
  )
  .option("--write-gemini <dir>", "Gemini CLI: MCP server and hooks in <dir>/.gemini/settings.json")
  .option("--write-qwen <dir>", "Qwen Code: MCP server and hooks in <dir>/.qwen/settings.json")
  .option(
    "--write-codex <dir>",
    "Codex: MCP server in <dir>/.codex/config.toml, hooks in <dir>/.codex/hooks.json",
  )
  .option(
    "--write-opencode <dir>",
    "opencode: MCP server in <dir>/opencode.json, plugin in <dir>/.opencode/plugin/",
  )
  .option(
    "--client <name>",
    "set up one client in the current folder (claude, cursor, cline, gemini, qwen, codex, opencode); repeatable",
    collect,
    [],
  )
  .option(
    "--token-header",
    "jwt mode: the .mcp.json entry sends Authorization: Bearer $MCP_COORDINATOR_TOKEN, expanded by the client (the token stays in each teammate's environment)",
  )
  .option(
    "--hook-command <cmd>",
    "what starts the hook runner, before <Event> (default: mcp-coordinator-hook when on PATH, else this node + dist/hook.cjs in .claude/settings.local.json)",
  )
  .option("--auth <mode>", "oauth: the sign-in wizard; writes the OAuth settings into config.json")
  .option("--idp <kind>", "--auth oauth: github, github-app, google or oidc")
  .option("--public-url <url>", "--auth oauth: the URL people reach the coordinator at")
  .option("--issuer <url>", "--auth oauth, oidc: the provider's issuer")
  .option("--provider-id <id>", "--auth oauth, oidc: a short id for URLs (default oidc)")
  .option("--provider-name <name>", "--auth oauth: the label on the sign-in page")
  .option("--client-id <id>", "--auth oauth: the client id the provider gave you")
  .option(
    "--client-secret-env <NAME>",
    "--auth oauth: the environment variable holding the client secret (the secret is never written)",
  )
  .option("--allow-org <org>", "--auth oauth: GitHub org whose members may sign in; repeatable", collect, [])
  .option(
    "--allow-team <org/team>",
    "--auth oauth: GitHub team whose members may sign in; repeatable",
    collect,
    [],
  )
  .option(
    "--allow-domain <domain>",
    "--auth oauth: verified email domain that may sign in; repeatable",
    collect,
    [],
  )
  .option("--allow-group <group>", "--auth oauth: OIDC group that may sign in; repeatable", collect, [])
  .option("--org <org>", "--auth oauth: the org people join on first sign-in (default: default)")
  .option("--github-url <url>", "--auth oauth: GitHub Enterprise Server web URL")
  .option("--github-api-url <url>", "--auth oauth: GitHub Enterprise Server API URL")
  .option("--no-verify", "--auth oauth: do not check the provider's discovery document online")
  .option("--no-input", "--auth oauth: never ask, even on a terminal (every answer from flags)")
  .action(lazy(() => import("./init.js")));

program
  .command("uninstall")
  .description("undo init: remove the coordinator from .mcp.json / CLAUDE.md, or purge ~/.mcp-coordinator")
  .option("--mcp-config <dir>", "remove the coordinator entry from <dir>/.mcp.json")
  .option("--claude-md <dir>", "remove the coordination section from <dir>/CLAUDE.md")
  .option("--claude-hooks <dir>", "remove the coordinator hooks from <dir>/.claude/settings.json")
  .option("--cursor-hooks <dir>", "remove the coordinator hooks from <dir>/.cursor/hooks.json")
  .option("--cline-hooks <dir>", "remove the coordinator hook scripts from <dir>/.clinerules/hooks/")
  .option(
    "--cline <dir>",
    "remove what init --write-cline added (<dir>/.clinerules/hooks/, Cline's MCP entry)",
  )
  .option("--gemini <dir>", "remove what init --write-gemini added to <dir>/.gemini/settings.json")
  .option("--qwen <dir>", "remove what init --write-qwen added to <dir>/.qwen/settings.json")
  .option("--codex <dir>", "remove what init --write-codex added to <dir>/.codex/")
  .option("--opencode <dir>", "remove what init --write-opencode added to <dir>/opencode.json and .opencode/")
  .option("--client <name>", "undo init --client <name> in the current folder; repeatable", collect, [])
  .option("--purge", "delete ~/.mcp-coordinator (config, data, logs)")
  .option("--force", "with --purge: do not ask for confirmation")
  .action(lazy(() => import("./uninstall.js")));

const server = program.command("server").description("run and manage the coordinator server");
const dataDirOption = () =>
  new Option("--data-dir <path>", "data directory of the instance (env COORDINATOR_DATA_DIR)");

server
  .command("start")
  .description("start the coordinator (foreground, or --daemon in the background)")
  .option("--port <n>", "HTTP port, 0 = any free port (env PORT, default 3100)", int)
  .option(
    "--mqtt-port <n>",
    "MQTT TCP port, 0 = any free port (env COORDINATOR_MQTT_TCP_PORT, default 1883)",
    int,
  )
  .option("--bind <host>", "address to listen on (env COORDINATOR_BIND, default 127.0.0.1)")
  .option(
    "--allowed-hosts <names>",
    "host names browsers may use beyond loopback, comma-separated (env COORDINATOR_ALLOWED_HOSTS)",
  )
  .option("--public-url <url>", "URL users reach this server at (env COORDINATOR_PUBLIC_URL)")
  .addOption(dataDirOption())
  .option("--repo-root <path>", "git working tree for path checks and Layer 4 (env COORDINATOR_REPO_ROOT)")
  .addOption(
    new Option(
      "--auth <mode>",
      "open (one developer, loopback) or jwt (a bearer token per caller; env COORDINATOR_AUTH_ENABLED=true)",
    ).choices(["open", "jwt", "oauth"]),
  )
  .option(
    "--insecure-open-on-network",
    "let open mode listen on a non-loopback address: anyone who reaches the port acts as any agent",
  )
  .option(
    "--max-consulted <n>",
    "most affected agents a consultation involves; the rest are counted and told (env COORDINATOR_MAX_CONSULTED, default 8)",
    int,
  )
  .option("--daemon", "run in the background; logs go to the instance's log file")
  .action(lazy(() => import("./server/start.js")));

server
  .command("stop")
  .description("stop the background server of this data directory")
  .addOption(dataDirOption())
  .action(lazy(() => import("./server/stop.js")));

server
  .command("status")
  .description("PID, URLs, online agents and open threads")
  .addOption(dataDirOption())
  .option("--json", "machine-readable output")
  .action(lazy(() => import("./server/status.js")));

server
  .command("logs")
  .description("print the daemon log")
  .addOption(dataDirOption())
  .option("-n, --lines <n>", "how many lines from the end", int, 50)
  .option("-f, --follow", "keep printing new lines (Ctrl+C to stop)")
  .option("--json", "print the JSON lines as stored, even on a terminal")
  .action(lazy(() => import("./server/logs.js")));

program
  .command("dashboard")
  .description("open the dashboard in a browser (prints the URL when there is no display)")
  .addOption(dataDirOption())
  .option("--print", "only print the URL")
  .action(lazy(() => import("./dashboard.js")));

program
  .command("doctor")
  .description("check config, server, /health, MCP, dashboard and MQTT; exit 1 if anything fails")
  .option("--host <host>", "server host (default: the running instance, else 127.0.0.1)")
  .option("--port <n>", "HTTP port", int)
  .option("--mqtt-port <n>", "MQTT TCP port", int)
  .option("--tls", "use https:// and mqtts://")
  .option(
    "--auth",
    "also check jwt mode: secret strength, clock skew, MCP_COORDINATOR_TOKEN expiry and acceptance",
  )
  .addOption(dataDirOption())
  .action(lazy(() => import("./doctor.js")));

program
  .command("stdio")
  .description("serve MCP over stdio: relays to the running server, or serves in-process when none runs")
  .option("--url <url>", "MCP endpoint to relay to (default: the running instance)")
  .option("--in-process", "always serve in this process (SQLite in the data dir, no MQTT)")
  .addOption(dataDirOption())
  .action(lazy(() => import("./stdio.js")));

program
  .command("hook <event>")
  .description(
    "run as a coding client's hook: event JSON on stdin, the client's answer on stdout (init --write-*-hooks wires it)",
  )
  .option("--client <client>", "claude, cursor, cline, gemini, qwen, codex or opencode", "claude")
  .option("--url <url>", "coordinator URL (env MCP_COORDINATOR_URL, else config.json, else :3100)")
  .option("--timeout-ms <n>", "answer 'allow' after this long whatever happens (default 2000)")
  .action(async () => {
    // Reached only for --help; bin.ts runs hooks before commander loads.
    const { runHook } = await import("../client/hooks/hook-main.js");
    await runHook(process.argv.slice(3));
  });

// ── Signing in (oauth mode): a token per coordinator in ~/.mcp-coordinator/tokens, read by the hooks ──
const urlOption = () =>
  new Option("--url <url>", "coordinator URL (env MCP_COORDINATOR_URL, else config.json, else :3100)");
program
  .command("login")
  .description(
    "sign in to a coordinator in oauth mode (a device code, or --browser); stores the token (0600)",
  )
  .addOption(urlOption())
  .option("--browser", "sign in through the browser (code flow + PKCE, redirect to 127.0.0.1)")
  .option("--port <port>", "with --browser: the loopback port for the redirect (default: a free one)")
  .option("--timeout <seconds>", "with --browser: how long to wait for you (default 300)")
  .option("--no-open", "with --browser: print the URL, do not open a browser ($BROWSER is honoured)")
  .action(lazy(() => import("./login/login.js")));
program
  .command("logout")
  .description("revoke the stored sign-in at the coordinator and delete the token file")
  .addOption(urlOption())
  .action(lazy(() => import("./login/logout.js")));
program
  .command("whoami")
  .description("print the user, org and expiry of the stored sign-in")
  .addOption(urlOption())
  .action(lazy(() => import("./login/whoami.js")));

// ── Teams (jwt mode): these verbs open the configured store directly; see admin/with-directory.ts ──
const storeOptions = (cmd: Command) =>
  cmd
    .addOption(dataDirOption())
    .option(
      "--database-url <url>",
      "PostgreSQL store instead of the data dir's SQLite (env COORDINATOR_DATABASE_URL)",
    );
const roleOption = (fallback?: string) => {
  const option = new Option("--role <role>", "admin, operator or agent").choices([
    "admin",
    "operator",
    "agent",
  ]);
  return fallback ? option.default(fallback) : option;
};

const org = program
  .command("org")
  .description("orgs: each one is a tenant that sees only its own agents and events");
storeOptions(org.command("create <id>").description("create an org (lower-case id, e.g. acme)"))
  .option("--name <name>", "display name (default: the id)")
  .action(lazy(() => import("./admin/org-create.js")));
storeOptions(org.command("list").description("list the orgs"))
  .option("--json", "machine-readable output")
  .action(lazy(() => import("./admin/org-list.js")));

const member = program.command("member").description("who belongs to an org, and with which role");
storeOptions(member.command("add").description("add a user to an org, or change their role"))
  .requiredOption("--org <org>", "the org")
  .requiredOption("--user <user>", "the user id (e.g. an email or a handle)")
  .addOption(roleOption("agent"))
  .option("--name <name>", "display name of a new user")
  .action(lazy(() => import("./admin/member-add.js")));
storeOptions(member.command("remove").description("remove a user from an org; revokes their tokens there"))
  .requiredOption("--org <org>", "the org")
  .requiredOption("--user <user>", "the user id")
  .action(lazy(() => import("./admin/member-remove.js")));

const audit = program
  .command("audit")
  .description("the tamper-evident audit log: verify its hash chains, export its records");
storeOptions(
  audit.command("verify").description("walk each org's chain; exit 2 naming the first broken record"),
)
  .option("--org <org>", "only this org (default: every org with records)")
  .option("--json", "one JSON object per org")
  .action(lazy(() => import("./audit/verify.js")));
storeOptions(
  audit.command("prune").description("remove old records behind a checkpoint (the chain still verifies)"),
)
  .requiredOption("--before <when>", "an ISO date or a duration back from now (e.g. 365d)")
  .option("--org <org>", "only this org (default: every org with records)")
  .action(lazy(() => import("./audit/prune.js")));
storeOptions(audit.command("export").description("write audit records as JSON lines on stdout"))
  .requiredOption(
    "--since <when>",
    "an ISO date (2026-01-31T12:00:00Z) or a duration back from now (24h, 7d)",
  )
  .option("--org <org>", "only this org (default: every org with records)")
  .action(lazy(() => import("./audit/export.js")));

const token = program.command("token").description("bearer tokens for jwt mode (MCP_COORDINATOR_TOKEN)");
storeOptions(
  token
    .command("create")
    .description("issue a token for a member (printed once on stdout; needs COORDINATOR_JWT_SECRET)"),
)
  .requiredOption("--user <user>", "the member the token acts for")
  .requiredOption("--org <org>", "the org")
  .addOption(roleOption())
  .option("--ttl <duration>", "lifetime, e.g. 12h or 30d (default COORDINATOR_JWT_EXPIRY, 24h; at most 365d)")
  .option("--agent <id>", "bind the token to one agent id")
  .action(lazy(() => import("./admin/token-create.js")));
storeOptions(token.command("list").description("list an org's tokens (never the tokens themselves)"))
  .requiredOption("--org <org>", "the org")
  .option("--user <user>", "only this user's tokens")
  .option("--all", "include revoked tokens")
  .option("--json", "machine-readable output")
  .action(lazy(() => import("./admin/token-list.js")));
storeOptions(token.command("revoke <token-id>").description("revoke a token (its id from token list)"))
  .requiredOption("--org <org>", "the org")
  .action(lazy(() => import("./admin/token-revoke.js")));

const serviceToken = program
  .command("service-token")
  .description("tokens for CI and bots, with no user behind them");
storeOptions(
  serviceToken.command("create").description("issue a service token (≤ 90 days, with a name and a reason)"),
)
  .requiredOption("--org <org>", "the org")
  .requiredOption("--name <name>", "what uses it, e.g. ci-main")
  .requiredOption("--ttl <duration>", "lifetime, at most 90d, e.g. 30d")
  .requiredOption("--reason <text>", "why it exists, at least 10 characters")
  .addOption(roleOption("agent"))
  .action(lazy(() => import("./admin/service-token-create.js")));

program
  .command("rotate-jwt-secret")
  .description(
    "print a new JWT signing secret (or key pair) and the steps to rotate without logging anyone out",
  )
  .addOption(
    new Option("--alg <alg>", "HS256 (a secret) or EdDSA/ES256 (a key pair)").choices([
      "HS256",
      "EdDSA",
      "ES256",
    ]),
  )
  .action(lazy(() => import("./admin/rotate-jwt-secret.js")));

storeOptions(
  program
    .command("rotate-encryption-key")
    .description(
      "re-seal upstream tokens kept at rest (GitHub App) under COORDINATOR_ENCRYPTION_KEY, opening them with COORDINATOR_ENCRYPTION_PREV_KEY; --generate prints a new key",
    ),
)
  .option("--generate", "print a new 32-byte key (base64) and the rotation steps; changes nothing")
  .action(lazy(() => import("./admin/rotate-encryption-key.js")));

const guard = program
  .command("guard")
  .description("git guard: pre-commit / pre-push hooks that check paths against other agents' work");
guard
  .command("install")
  .description("add pre-commit and pre-push hooks (existing hooks are kept and run first)")
  .option("--dir <path>", "repository (default: the current directory)")
  .option("--command <cmd>", "how the hooks start this CLI (default: this node and this script)")
  .action(lazy(() => import("./guard/install.js")));
guard
  .command("uninstall")
  .description("remove the guard hooks and restore the ones they chained")
  .option("--dir <path>", "repository (default: the current directory)")
  .action(lazy(() => import("./guard/uninstall.js")));
guard
  .command("check")
  .description("what the git hooks run: exit 1 when policy blocks a staged or pushed path")
  .option("--hook <name>", "pre-commit or pre-push", "pre-commit")
  .option("--url <url>", "coordinator URL (env MCP_COORDINATOR_URL, else config.json, else :3100)")
  .action(lazy(() => import("./guard/check.js")));

await program.parseAsync(process.argv);

/** Commander collector for a repeatable option. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
