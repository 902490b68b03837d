import { userInfo } from "node:os";
import { AuthError, createTokenIssuer, loadKeySet, type TokenIssuer } from "@mcp-coordinator/auth";
import { CodedError, createDirectory, type Directory, type OAuthStore } from "@mcp-coordinator/core";
import pino from "pino";
import { parseJwtConfig } from "../../server/auth/compose-auth.js";
import { buildDefaultStore } from "../../server/default-adapters.js";
import { StartupError } from "../../server/startup-error.js";
import { CliError } from "../cli-error.js";
import { loadCliConfig } from "../load-config.js";

/** Where the admin verbs find the store: the same settings the server reads. */
export interface StoreFlags {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

export interface AdminContext {
  readonly directory: Directory;
  readonly store: OAuthStore;
  /** Built on first use: only token verbs need COORDINATOR_JWT_SECRET. */
  issuer(): TokenIssuer;
}

/** Runs `run` on the configured store (as the admin verbs see it), closing it after. */
export async function withStore(flags: StoreFlags, run: (store: OAuthStore) => Promise<void>) {
  await withDirectory(flags, (ctx) => run(ctx.store));
}

/**
 * Admin verbs work on the configured store directly (the data dir's SQLite or COORDINATOR_DATABASE_URL),
 * not over HTTP: whoever can open the database already holds every row, so no admin credential is
 * needed on top, and the verbs work before the first token exists (bootstrapping an org needs no token).
 * A running server sees the change at once (rows are read per request) and closes the connections of a
 * revoked token at its next re-check (≤ 5 s).
 */
export async function withDirectory(flags: StoreFlags, run: (ctx: AdminContext) => Promise<void>) {
  const config = loadCliConfig({
    ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
    ...(flags.databaseUrl ? { databaseUrl: flags.databaseUrl } : {}),
  });
  const built = await buildDefaultStore(config, pino({ level: "silent" }));
  // Audit records of admin changes name the operating-system account that ran the verb.
  const directory = createDirectory({ store: built.store, actorUserId: `admin:${userInfo().username}` });
  let issuer: TokenIssuer | null = null;
  try {
    await run({
      directory,
      store: built.store,
      issuer: () => {
        if (issuer) return issuer;
        const jwt = parseJwtConfig(process.env);
        issuer = createTokenIssuer({ config: jwt, directory, keys: loadKeySet(jwt) });
        return issuer;
      },
    });
  } catch (error) {
    // Refusals of the directory (VALIDATION_FAILED, ORG_NOT_FOUND, …) and of auth are one line for the user.
    if (error instanceof CodedError || error instanceof AuthError) {
      if (error instanceof StartupError) throw error;
      throw new CliError(`${error.message} (${error.code})`);
    }
    throw error;
  } finally {
    await built.store.close();
  }
}
