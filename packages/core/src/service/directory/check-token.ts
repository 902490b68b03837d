import type { TokenCheck } from "./directory.js";
import type { DirectoryDeps } from "./directory-deps.js";
import { toInfo } from "./tokens.js";
import { weakerRole } from "./validate.js";

/** Last-use times closer together than this are not rewritten: a busy agent costs no write per call. */
export const TOKEN_TOUCH_THROTTLE_MS = 60_000;

export function checkToken(deps: DirectoryDeps, hash: string): Promise<TokenCheck> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx): Promise<TokenCheck> => {
    const token = await tx.getTokenByHash(hash);
    if (token === null) return { ok: false, reason: "unknown_token", token: null };
    if (token.revokedAt !== null) return { ok: false, reason: "revoked", token: toInfo(token) };
    if (token.expiresAt <= now) return { ok: false, reason: "expired", token: toInfo(token) };
    let role = token.role;
    if (token.kind === "user") {
      const membership = await tx.getMembership(token.orgId, token.userId);
      if (membership === null) return { ok: false, reason: "not_a_member", token: toInfo(token) };
      role = token.role === null ? membership.role : weakerRole(token.role, membership.role);
    }
    let current = token;
    if (token.lastUsedAt === null || now - token.lastUsedAt >= TOKEN_TOUCH_THROTTLE_MS) {
      current = (await tx.updateToken(token.orgId, token.id, { lastUsedAt: now })) ?? token;
    }
    return {
      ok: true,
      // A service token always has a role (createToken refuses one without).
      principal: { userId: token.userId, orgId: token.orgId, role: role ?? "agent", agentId: token.agentId },
      token: toInfo(current),
    };
  });
}
