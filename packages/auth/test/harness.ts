import { createDirectory, type Directory, type Revocation } from "@mcp-coordinator/core";
import { ManualClock, MemoryStore } from "@mcp-coordinator/core/testing";
import type { JwtAuthConfig } from "../src/config/auth-config.js";
import { parseAuthConfig } from "../src/config/parse-auth-config.js";
import { createJwtIdentity, type JwtIdentityCacheOptions } from "../src/identity/jwt-identity.js";
import { loadKeySet } from "../src/keys/key-set.js";
import { createRevocationSignal } from "../src/revocation/revocation-signal.js";
import { createTokenIssuer } from "../src/tokens/issue-token.js";

export const SECRET = "current-secret-0123456789abcdef-xyz";
export const OLD_SECRET = "previous-secret-0123456789abcdef-xyz";

export function jwtConfig(env: Record<string, string> = {}): JwtAuthConfig {
  const result = parseAuthConfig({
    COORDINATOR_AUTH_ENABLED: "true",
    COORDINATOR_JWT_SECRET: SECRET,
    ...env,
  });
  if (!result.ok) throw result.error;
  if (result.config.mode !== "jwt") throw new Error("expected jwt mode");
  return result.config;
}

/** A jwt-mode world on core's in-memory store: org `acme` with dana (agent) and olga (operator). */
export async function makeWorld(
  options: { env?: Record<string, string>; cache?: JwtIdentityCacheOptions | false } = {},
) {
  const config = jwtConfig(options.env);
  const store = new MemoryStore();
  const clock = new ManualClock(1_800_000_000_000);
  const revocations = createRevocationSignal();
  const seen: Revocation[] = [];
  revocations.onRevoked((r) => seen.push(r));
  const inner = createDirectory({ store, clock, onRevoked: revocations.emit });
  let checks = 0;
  const directory: Directory = {
    ...inner,
    checkToken: (hash) => {
      checks += 1;
      return inner.checkToken(hash);
    },
  };
  const keys = loadKeySet(config);
  const identity = createJwtIdentity({
    config,
    directory,
    clock,
    revocations,
    keys,
    ...(options.cache === undefined ? {} : { cache: options.cache }),
  });
  const issuer = createTokenIssuer({ config, directory, clock, keys });
  await directory.createOrg({ orgId: "acme" });
  await directory.addMember({ orgId: "acme", userId: "dana", role: "agent" });
  await directory.addMember({ orgId: "acme", userId: "olga", role: "operator" });
  const http = (token: string) => ({
    transport: "http" as const,
    headers: { authorization: `Bearer ${token}` },
  });
  const mqtt = (password: string | null) => ({
    transport: "mqtt" as const,
    clientId: "c1",
    username: "dana",
    password,
    headers: null,
  });
  return {
    config,
    store,
    clock,
    revocations,
    seen,
    directory,
    identity,
    issuer,
    http,
    mqtt,
    checks: () => checks,
  };
}
