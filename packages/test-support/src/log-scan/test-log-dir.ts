import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/**
 * Where every server log line of a package's test run is collected for the final redaction scan:
 * `<package>/.test-logs/` (vitest runs each package from its own directory). The global setup empties it
 * and exports it as MCPC_TEST_LOG_DIR, so test workers and the processes they spawn agree on it.
 */
export function testLogDir(): string {
  const dir = process.env.MCPC_TEST_LOG_DIR ?? join(process.cwd(), ".test-logs");
  mkdirSync(dir, { recursive: true });
  return dir;
}

const remembered = new Set<string>();

/**
 * Records a credential the tests used (a bearer token, a refresh token, a signing secret) so the final
 * scan looks for it in every log line. Kept in the git-ignored log directory, one file per worker.
 */
export function rememberSecret(value: string | null | undefined): void {
  if (typeof value !== "string") return;
  const secret = value.trim();
  // Short values (ids, "test") would match ordinary text; real credentials here are longer.
  if (secret.length < 16 || secret.includes("\n") || remembered.has(secret)) return;
  remembered.add(secret);
  appendFileSync(join(testLogDir(), `secrets-${process.pid}.txt`), `${secret}\n`);
}

/**
 * Records a directory a tested process writes its own log files into (a daemon's data dir), so the
 * final scan also reads the `*.log` files left there.
 */
export function rememberLogDir(dir: string): void {
  appendFileSync(join(testLogDir(), `log-dirs-${process.pid}.txt`), `${dir}\n`);
}
