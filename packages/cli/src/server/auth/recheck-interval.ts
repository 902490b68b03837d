/**
 * How often a cached token is checked against the store again, and how often live connections present
 * theirs every RECHECK_MS / 2: together they bound a revocation made elsewhere to about 3 s, inside
 * the 5 s promise. Its own module so the host can read it without loading the auth package.
 */
export const RECHECK_MS = 2_000;
