import { CoordinatorError } from "../../errors.js";
import type { Membership, Org } from "../../model/identity.js";
import { auditAdmin } from "./audit-admin.js";
import type { AddMemberInput } from "./directory.js";
import type { DirectoryDeps } from "./directory-deps.js";
import { validateName, validateOrgId, validateRole, validateUserId } from "./validate.js";

export async function createOrg(
  deps: DirectoryDeps,
  input: { readonly orgId: string; readonly name?: string },
): Promise<Org> {
  const id = validateOrgId(input.orgId);
  const org: Org = { id, name: validateName("name", input.name ?? id), createdAt: deps.clock.now() };
  const inserted = await deps.store.transaction(async (tx) => {
    const created = await tx.insertOrg(org);
    if (created) await auditAdmin(deps, tx, id, "org.created", `org:${id}`, { name: org.name });
    return created;
  });
  if (!inserted) {
    throw new CoordinatorError(
      "ORG_ALREADY_EXISTS",
      `Org ${id} already exists; \`org list\` shows the orgs.`,
      {
        orgId: id,
      },
    );
  }
  return org;
}

export function listOrgs(deps: DirectoryDeps): Promise<Org[]> {
  return deps.store.transaction((tx) => tx.listOrgs());
}

export function orgNotFound(orgId: string): CoordinatorError {
  return new CoordinatorError(
    "ORG_NOT_FOUND",
    `Org ${orgId} does not exist. Create it first with \`mcp-coordinator org create ${orgId}\`.`,
    { orgId },
  );
}

export async function addMember(deps: DirectoryDeps, input: AddMemberInput): Promise<Membership> {
  const orgId = validateOrgId(input.orgId);
  const userId = validateUserId(input.userId);
  const role = validateRole(input.role);
  const name = validateName("name", input.name ?? userId);
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    if ((await tx.getOrg(orgId)) === null) throw orgNotFound(orgId);
    const user = await tx.getUser(orgId, userId);
    if (user === null || input.name !== undefined) {
      await tx.putUser({ orgId, id: userId, name, createdAt: user?.createdAt ?? now });
    }
    const existing = await tx.getMembership(orgId, userId);
    const membership: Membership = { orgId, userId, role, createdAt: existing?.createdAt ?? now };
    await tx.putMembership(membership);
    if (existing === null) await auditAdmin(deps, tx, orgId, "member.added", `user:${userId}`, { role });
    else if (existing.role !== role)
      await auditAdmin(deps, tx, orgId, "member.role_changed", `user:${userId}`, {
        from: existing.role,
        to: role,
      });
    return membership;
  });
}

export async function removeMember(
  deps: DirectoryDeps,
  input: { readonly orgId: string; readonly userId: string },
): Promise<{ readonly revokedTokenIds: readonly string[] }> {
  const now = deps.clock.now();
  const revokedTokenIds = await deps.store.transaction(async (tx) => {
    if (!(await tx.deleteMembership(input.orgId, input.userId))) {
      throw new CoordinatorError(
        "MEMBER_NOT_FOUND",
        `${input.userId} is not a member of org ${input.orgId}; \`member list\` shows who is.`,
        { orgId: input.orgId, userId: input.userId },
      );
    }
    const live = await tx.listTokens(input.orgId, { userId: input.userId });
    for (const token of live) await tx.updateToken(input.orgId, token.id, { revokedAt: now });
    await auditAdmin(deps, tx, input.orgId, "member.removed", `user:${input.userId}`, {
      revokedTokenIds: live.map((t) => t.id),
    });
    return live.map((t) => t.id);
  });
  deps.onRevoked({
    orgId: input.orgId,
    userId: input.userId,
    tokenIds: revokedTokenIds,
    reason: "member_removed",
  });
  return { revokedTokenIds };
}

export function listMembers(deps: DirectoryDeps, input: { readonly orgId: string }): Promise<Membership[]> {
  return deps.store.transaction(async (tx) => {
    if ((await tx.getOrg(input.orgId)) === null) throw orgNotFound(input.orgId);
    return tx.listMemberships(input.orgId);
  });
}
