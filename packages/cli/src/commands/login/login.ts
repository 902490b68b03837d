import { CliError } from "../cli-error.js";
import { coordinatorUrl, startDeviceLogin, summarizeToken, tokenStoreFor } from "./stored-login.js";

export interface LoginDeps {
  readonly env?: NodeJS.ProcessEnv;
  readonly out?: (line: string) => void;
  /** Token directory; default ~/.mcp-coordinator/tokens. */
  readonly tokenDir?: string;
}

/** `mcp-coordinator login`: the device flow; prints where to go and the code, waits, stores the token. */
export async function login(flags: { url?: string }, deps: LoginDeps = {}): Promise<void> {
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const url = coordinatorUrl(flags, deps.env ?? process.env);
  let login: Awaited<ReturnType<typeof startDeviceLogin>>;
  try {
    login = await startDeviceLogin({ url });
  } catch (error) {
    throw new CliError(`login: ${(error as Error).message}`);
  }
  out(`Open ${login.verificationUri} and enter the code ${login.userCode}`);
  out(`  (or open ${login.verificationUriComplete})`);
  out("Waiting for you to sign in…");
  let token: Awaited<ReturnType<typeof login.waitForToken>>;
  try {
    token = await login.waitForToken();
  } catch (error) {
    throw new CliError(`login: ${(error as Error).message}`);
  }
  const store = tokenStoreFor(url, deps.tokenDir);
  await store.save(token);
  const who = summarizeToken(token);
  out(`Signed in${who ? ` as ${who.user} (org ${who.org})` : ""}; token saved to ${store.path}`);
}

/** The command's entry: commander passes its own objects after the flags, so deps are not taken here. */
export const run = (flags: { url?: string }): Promise<void> => login(flags);
