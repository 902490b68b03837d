import { CliError } from "../cli-error.js";
import type { LoginDeps } from "./login.js";
import { coordinatorUrl, summarizeToken, tokenStoreFor } from "./stored-login.js";

/** `mcp-coordinator whoami`: who the stored token signs in as, in which org, until when. */
export async function whoami(flags: { url?: string }, deps: LoginDeps = {}): Promise<void> {
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const url = coordinatorUrl(flags, deps.env ?? process.env);
  const store = tokenStoreFor(url, deps.tokenDir);
  const token = await store.load().catch((error: Error) => {
    throw new CliError(`whoami: ${error.message}`);
  });
  if (token === null) throw new CliError(`whoami: not signed in to ${url}; run \`mcp-coordinator login\`.`);
  const who = summarizeToken(token);
  if (who === null)
    throw new CliError(
      `whoami: ${store.path} holds a token this command cannot read; run \`mcp-coordinator login\`.`,
    );
  out(`user:    ${who.user}`);
  out(`org:     ${who.org}`);
  out(
    `expires: ${who.expiresAt === null ? "never" : new Date(who.expiresAt).toISOString()}${token.refresh_token ? " (refreshable)" : ""}`,
  );
  out(`server:  ${url}`);
}

/** The command's entry: commander passes its own objects after the flags, so deps are not taken here. */
export const run = (flags: { url?: string }): Promise<void> => whoami(flags);
