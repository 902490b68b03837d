import { CliError } from "../cli-error.js";
import { openBrowser } from "./open-browser.js";
import {
  coordinatorUrl,
  loginWithBrowser,
  type StoredToken,
  startDeviceLogin,
  summarizeToken,
  tokenStoreFor,
} from "./stored-login.js";

export interface LoginDeps {
  readonly env?: NodeJS.ProcessEnv;
  readonly out?: (line: string) => void;
  /** Token directory; default ~/.mcp-coordinator/tokens. */
  readonly tokenDir?: string;
  /** Opens the sign-in URL (`--browser`); default $BROWSER, else the system's browser. */
  readonly openBrowser?: (url: string) => Promise<void>;
}

export interface LoginFlags {
  readonly url?: string;
  /** The authorization code flow through a browser instead of a device code. */
  readonly browser?: boolean;
  /** `--port`: the loopback port for the redirect (default: a free one). */
  readonly port?: string;
  /** `--timeout`: seconds to wait for the person (default 300). */
  readonly timeout?: string;
  /** `--no-open`: print the URL only. */
  readonly open?: boolean;
}

function whole(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliError(
      `login: ${flag} ${JSON.stringify(value)} must be a whole number from ${min} to ${max}.`,
    );
  }
  return n;
}

/**
 * `mcp-coordinator login`: the device flow by default (prints where to go and the code, waits); with
 * `--browser`, the code flow through the browser with a loopback redirect. Either way the token is
 * stored the same (0600, atomic) and refreshed before it expires.
 */
export async function login(flags: LoginFlags, deps: LoginDeps = {}): Promise<void> {
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const env = deps.env ?? process.env;
  const url = coordinatorUrl(flags, env);
  const token = flags.browser ? await browserLogin(url, flags, deps, out) : await deviceLogin(url, out);
  const store = tokenStoreFor(url, deps.tokenDir);
  await store.save(token);
  const who = summarizeToken(token);
  out(`Signed in${who ? ` as ${who.user} (org ${who.org})` : ""}; token saved to ${store.path}`);
}

async function deviceLogin(url: string, out: (line: string) => void): Promise<StoredToken> {
  let login: Awaited<ReturnType<typeof startDeviceLogin>>;
  try {
    login = await startDeviceLogin({ url });
  } catch (error) {
    throw new CliError(`login: ${(error as Error).message}`);
  }
  out(`Open ${login.verificationUri} and enter the code ${login.userCode}`);
  out(`  (or open ${login.verificationUriComplete})`);
  out("Waiting for you to sign in…");
  try {
    return await login.waitForToken();
  } catch (error) {
    throw new CliError(`login: ${(error as Error).message}`);
  }
}

async function browserLogin(
  url: string,
  flags: LoginFlags,
  deps: LoginDeps,
  out: (line: string) => void,
): Promise<StoredToken> {
  const port = whole(flags.port, "--port", 1, 65_535);
  const timeout = whole(flags.timeout, "--timeout", 1, 86_400);
  const env = deps.env ?? process.env;
  const opener = deps.openBrowser ?? ((target: string) => openBrowser(target, env));
  try {
    return await loginWithBrowser({
      url,
      ...(port === undefined ? {} : { port }),
      ...(timeout === undefined ? {} : { timeoutMs: timeout * 1_000 }),
      onAuthorizationUrl(target) {
        out("Sign in in your browser; if it does not open, open this URL yourself:");
        out(`  ${target}`);
        out("Waiting for you to sign in…");
      },
      ...(flags.open === false ? {} : { openBrowser: opener }),
      onOpenFailed(error) {
        out(`(the browser did not open: ${(error as Error).message}; use the URL above)`);
      },
    });
  } catch (error) {
    throw new CliError(`login: ${(error as Error).message}`);
  }
}

/** The command's entry: commander passes its own objects after the flags, so deps are not taken here. */
export const run = (flags: LoginFlags): Promise<void> => login(flags);
