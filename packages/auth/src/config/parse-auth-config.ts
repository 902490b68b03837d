import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { AuthError } from "../errors.js";
import type { AuthConfig, JwtAuthConfig, SigningConfig, VerificationKey } from "./auth-config.js";
import { parseDuration } from "./duration.js";

/** The variables parseAuthConfig reads (the spec's "Auth" table, plus the asymmetric option). */
export type AuthEnv = Readonly<Record<string, string | undefined>>;

export type AuthConfigResult =
  | { readonly ok: true; readonly config: AuthConfig }
  | { readonly ok: false; readonly error: AuthError };

export interface ParseAuthConfigOptions {
  /** A flag (`--auth jwt`) that wins over COORDINATOR_AUTH_ENABLED. */
  readonly mode?: "open" | "jwt";
}

/** 32 characters: the spec's minimum, ~256 bits when generated with `openssl rand -base64 32`. */
export const MIN_SECRET_LENGTH = 32;
const MIN_SHARED_SECRET_LENGTH = 16;
const DEFAULT_EXPIRY = "24h";
const MIN_EXPIRY_MS = 60_000;
const MAX_EXPIRY_MS = 365 * 86_400_000;

/**
 * Pure: an env-like record in, a typed config or a typed error out (one line naming the variable). The
 * cli layers flags on top through `options` and its own record.
 *
 * - `COORDINATOR_AUTH_ENABLED` (`true`/`false`, `1`/`0`): jwt mode when true; open otherwise.
 * - `COORDINATOR_JWT_SECRET`: HS256 key, at least 32 characters.
 * - `COORDINATOR_JWT_PREV_SECRET` (alias `COORDINATOR_JWT_SECRET_PREV`): still verifies during a rotation.
 * - `COORDINATOR_JWT_EXPIRY`: default token lifetime, `1m`…`365d` (default 24h).
 * - `COORDINATOR_JWT_PRIVATE_KEY`: PKCS#8 PEM of an Ed25519 (EdDSA) or P-256 (ES256) key; tokens are then
 *   signed with it and its public key is served as a JWKS, so other services verify without a secret.
 *   The HS256 secrets, when also set, only verify (tokens issued before the switch).
 * - `COORDINATOR_JWT_PREV_PUBLIC_KEY`: SPKI PEM of the previous asymmetric key, verify-only, in the JWKS.
 * - `COORDINATOR_JWT_ISSUER` (default `mcp-coordinator`), `COORDINATOR_JWT_AUDIENCE` (default `mcp-coordinator`).
 * - `COORDINATOR_REGISTRATION_SECRET`, `COORDINATOR_ADMIN_SECRET`: at least 16 characters, distinct.
 */
export function parseAuthConfig(env: AuthEnv, options: ParseAuthConfigOptions = {}): AuthConfigResult {
  try {
    return { ok: true, config: parseOrThrow(env, options) };
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, error };
    throw error;
  }
}

function parseOrThrow(env: AuthEnv, options: ParseAuthConfigOptions): AuthConfig {
  const mode = options.mode ?? (parseBoolean(env, "COORDINATOR_AUTH_ENABLED") ? "jwt" : "open");
  if (mode === "open") return { mode: "open" };
  const secret = optional(env, "COORDINATOR_JWT_SECRET");
  const prevSecret =
    optional(env, "COORDINATOR_JWT_PREV_SECRET") ?? optional(env, "COORDINATOR_JWT_SECRET_PREV");
  const privatePem = optional(env, "COORDINATOR_JWT_PRIVATE_KEY");
  const prevPublicPem = optional(env, "COORDINATOR_JWT_PREV_PUBLIC_KEY");
  if (secret === null && privatePem === null) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      "jwt mode needs COORDINATOR_JWT_SECRET (generate one: openssl rand -base64 32) or COORDINATOR_JWT_PRIVATE_KEY.",
      "COORDINATOR_JWT_SECRET",
    );
  }
  const hmac = (value: string | null, variable: string): VerificationKey | null => {
    if (value === null) return null;
    if (value.length < MIN_SECRET_LENGTH) {
      throw new AuthError(
        "AUTH_SECRET_TOO_SHORT",
        `${variable} is ${value.length} characters; it needs at least ${MIN_SECRET_LENGTH} (generate one: openssl rand -base64 32).`,
        variable,
      );
    }
    return { alg: "HS256", secret: new TextEncoder().encode(value) };
  };
  const current = hmac(secret, "COORDINATOR_JWT_SECRET");
  const previous = hmac(prevSecret, "COORDINATOR_JWT_PREV_SECRET");
  if (secret !== null && secret === prevSecret) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      "COORDINATOR_JWT_PREV_SECRET equals COORDINATOR_JWT_SECRET; set the new secret in COORDINATOR_JWT_SECRET and the old one in COORDINATOR_JWT_PREV_SECRET.",
      "COORDINATOR_JWT_PREV_SECRET",
    );
  }
  let signing: SigningConfig;
  const verifyAlso: VerificationKey[] = [];
  if (privatePem !== null) {
    signing = asymmetricSigning(privatePem);
    if (prevPublicPem !== null) verifyAlso.push(publicVerification(prevPublicPem));
    if (current) verifyAlso.push(current);
  } else {
    signing = current as { alg: "HS256"; secret: Uint8Array };
  }
  if (previous) verifyAlso.push(previous);
  const registrationSecret = sharedSecret(env, "COORDINATOR_REGISTRATION_SECRET");
  const adminSecret = sharedSecret(env, "COORDINATOR_ADMIN_SECRET");
  if (registrationSecret !== null && registrationSecret === adminSecret) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      "COORDINATOR_ADMIN_SECRET equals COORDINATOR_REGISTRATION_SECRET; the admin secret must be different (it grants admin tokens).",
      "COORDINATOR_ADMIN_SECRET",
    );
  }
  for (const [variable, value] of [
    ["COORDINATOR_REGISTRATION_SECRET", registrationSecret],
    ["COORDINATOR_ADMIN_SECRET", adminSecret],
  ] as const) {
    if (value !== null && (value === secret || value === prevSecret)) {
      throw new AuthError(
        "AUTH_CONFIG_INVALID",
        `${variable} must differ from the JWT signing secret.`,
        variable,
      );
    }
  }
  const config: JwtAuthConfig = {
    mode: "jwt",
    issuer: optional(env, "COORDINATOR_JWT_ISSUER") ?? "mcp-coordinator",
    audience: optional(env, "COORDINATOR_JWT_AUDIENCE") ?? "mcp-coordinator",
    expiryMs: parseDuration(
      optional(env, "COORDINATOR_JWT_EXPIRY") ?? DEFAULT_EXPIRY,
      "COORDINATOR_JWT_EXPIRY",
      MIN_EXPIRY_MS,
      MAX_EXPIRY_MS,
    ),
    signing,
    verifyAlso,
    registrationSecret,
    adminSecret,
  };
  return config;
}

function optional(env: AuthEnv, name: string): string | null {
  const value = env[name];
  return value === undefined || value.trim() === "" ? null : value;
}

function parseBoolean(env: AuthEnv, name: string): boolean {
  const value = optional(env, name)?.trim().toLowerCase() ?? "false";
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new AuthError("AUTH_CONFIG_INVALID", `${name}=${JSON.stringify(value)} must be true or false.`, name);
}

function sharedSecret(env: AuthEnv, name: string): string | null {
  const value = optional(env, name);
  if (value !== null && value.length < MIN_SHARED_SECRET_LENGTH) {
    throw new AuthError(
      "AUTH_SECRET_TOO_SHORT",
      `${name} is ${value.length} characters; it needs at least ${MIN_SHARED_SECRET_LENGTH}.`,
      name,
    );
  }
  return value;
}

/** Env vars often carry PEMs with literal `\n`. */
const pem = (value: string): string => value.replace(/\\n/g, "\n").trim();

function algOf(key: KeyObject, variable: string): "EdDSA" | "ES256" {
  if (key.asymmetricKeyType === "ed25519") return "EdDSA";
  if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") return "ES256";
  throw new AuthError(
    "AUTH_KEY_INVALID",
    `${variable} is a ${key.asymmetricKeyType ?? "unknown"} key; use Ed25519 (openssl genpkey -algorithm ed25519) or P-256 (ES256).`,
    variable,
  );
}

function asymmetricSigning(value: string): SigningConfig {
  const variable = "COORDINATOR_JWT_PRIVATE_KEY";
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem(value));
  } catch {
    throw new AuthError("AUTH_KEY_INVALID", `${variable} is not a PEM private key (PKCS#8).`, variable);
  }
  return { alg: algOf(privateKey, variable), privateKey, publicKey: createPublicKey(privateKey) };
}

function publicVerification(value: string): VerificationKey {
  const variable = "COORDINATOR_JWT_PREV_PUBLIC_KEY";
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(pem(value));
  } catch {
    throw new AuthError("AUTH_KEY_INVALID", `${variable} is not a PEM public key (SPKI).`, variable);
  }
  return { alg: algOf(publicKey, variable), publicKey };
}
