import { validateAgentId } from "../../domain/agent-id.js";
import { CoordinatorError } from "../../errors.js";
import { type OrgRole, serviceSubject, type TokenRecord } from "../../model/identity.js";
import { auditAdmin } from "./audit-admin.js";
import type { CreateTokenInput, TokenInfo } from "./directory.js";
import type { DirectoryDeps } from "./directory-deps.js";
import { orgNotFound } from "./orgs-and-members.js";
import { validateName, validateOrgId, validateRole, validateScopes, validateUserId } from "./validate.js";

const DAY_MS = 86_400_000;
/** Service tokens live at most 90 days, so a forgotten CI secret dies on its own. */
export const MAX_SERVICE_TOKEN_TTL_MS = 90 * DAY_MS;
/** User tokens live at most a year. */
export const MAX_USER_TOKEN_TTL_MS = 365 * DAY_MS;
const HASH_PATTERN = /^[0-9a-f]{64}$/;
const TOKEN_ID_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

function invalid(field: string, message: string): CoordinatorError {
  return new CoordinatorError("VALIDATION_FAILED", message, { field });
}

export function toInfo(token: TokenRecord): TokenInfo {
  const { hash: _hash, ...info } = token;
  return info;
}

export async function createToken(deps: DirectoryDeps, input: CreateTokenInput): Promise<TokenInfo> {
  if (!TOKEN_ID_PATTERN.test(input.id))
    throw invalid("id", "token id (jti) must be 8–128 URL-safe characters.");
  if (!HASH_PATTERN.test(input.hash)) throw invalid("hash", "token hash must be a hex SHA-256 digest.");
  const orgId = validateOrgId(input.orgId);
  const now = deps.clock.now();
  const ttl = input.expiresAt - now;
  const service = input.kind === "service";
  const maxTtl = service ? MAX_SERVICE_TOKEN_TTL_MS : MAX_USER_TOKEN_TTL_MS;
  if (!Number.isFinite(ttl) || ttl <= 0 || ttl > maxTtl) {
    throw invalid("ttl", `a ${input.kind} token must expire within ${maxTtl / DAY_MS} days and after now.`);
  }
  const role: OrgRole | null = input.role == null ? null : validateRole(input.role);
  if (service && role === null)
    throw invalid("role", "a service token needs a role (agent, operator or admin).");
  const name = service ? validateName("name", input.name ?? "") : null;
  const reason = service ? validateName("reason", input.reason ?? "", 10, 500) : null;
  const userId = service ? serviceSubject(input.id) : validateUserId(input.userId ?? "");
  const token: TokenRecord = {
    id: input.id,
    orgId,
    userId,
    kind: input.kind,
    hash: input.hash,
    role,
    agentId: input.agentId == null ? null : validateAgentId(input.agentId),
    scopes: validateScopes(input.scopes ?? []),
    name,
    reason,
    createdAt: now,
    expiresAt: input.expiresAt,
    lastUsedAt: null,
    revokedAt: null,
  };
  await deps.store.transaction(async (tx) => {
    if ((await tx.getOrg(orgId)) === null) throw orgNotFound(orgId);
    if (!service && (await tx.getMembership(orgId, userId)) === null) {
      throw new CoordinatorError(
        "MEMBER_NOT_FOUND",
        `${userId} is not a member of org ${orgId}. Add them first: \`mcp-coordinator member add --org ${orgId} --user ${userId} --role agent\`.`,
        { orgId, userId },
      );
    }
    await tx.insertToken(token);
    await auditAdmin(deps, tx, orgId, "token.created", `token:${token.id}`, {
      kind: token.kind,
      userId: token.userId,
      role: token.role,
      agentId: token.agentId,
      scopes: token.scopes,
      name: token.name,
      reason: token.reason,
      expiresAt: token.expiresAt,
    });
  });
  return toInfo(token);
}

export async function listTokens(
  deps: DirectoryDeps,
  input: { readonly orgId: string; readonly userId?: string; readonly includeRevoked?: boolean },
): Promise<TokenInfo[]> {
  const tokens = await deps.store.transaction(async (tx) => {
    if ((await tx.getOrg(input.orgId)) === null) throw orgNotFound(input.orgId);
    return tx.listTokens(input.orgId, {
      ...(input.userId === undefined ? {} : { userId: input.userId }),
      includeRevoked: input.includeRevoked ?? false,
    });
  });
  return tokens.map(toInfo);
}

export async function revokeToken(
  deps: DirectoryDeps,
  input: { readonly orgId: string; readonly tokenId: string },
): Promise<TokenInfo> {
  const now = deps.clock.now();
  const { token, changed } = await deps.store.transaction(async (tx) => {
    const current = await tx.getToken(input.orgId, input.tokenId);
    if (current === null) {
      throw new CoordinatorError(
        "TOKEN_NOT_FOUND",
        `No token ${input.tokenId} in org ${input.orgId}; \`mcp-coordinator token list --org ${input.orgId}\` shows the ids.`,
        { orgId: input.orgId, tokenId: input.tokenId },
      );
    }
    if (current.revokedAt !== null) return { token: current, changed: false };
    const revoked = await tx.updateToken(input.orgId, input.tokenId, { revokedAt: now });
    await auditAdmin(deps, tx, input.orgId, "token.revoked", `token:${input.tokenId}`, {
      kind: current.kind,
      userId: current.userId,
    });
    return { token: revoked ?? current, changed: true };
  });
  if (changed)
    deps.onRevoked({ orgId: input.orgId, userId: null, tokenIds: [token.id], reason: "token_revoked" });
  return toInfo(token);
}
