import { systemClock } from "../../adapters/system-clock.js";
import type { Clock } from "../../ports/clock.js";
import type { Store } from "../../ports/store.js";
import { checkToken } from "./check-token.js";
import type { Directory, Revocation } from "./directory.js";
import type { DirectoryDeps } from "./directory-deps.js";
import { addMember, createOrg, listMembers, listOrgs, removeMember } from "./orgs-and-members.js";
import { createToken, listTokens, revokeToken } from "./tokens.js";

export interface CreateDirectoryOptions {
  readonly store: Store;
  readonly clock?: Clock;
  /**
   * Called after a token revocation or a member removal commits. Wire it to auth's revocation signal so
   * verified-token caches drop the token and live connections close.
   */
  readonly onRevoked?: (revocation: Revocation) => void;
  /** Who the audit records of changes name as acting (the CLI: `admin:<os user>`); default null. */
  readonly actorUserId?: string | null;
}

/** The admin-side use cases over the store's identity model; see `Directory`. */
export function createDirectory(options: CreateDirectoryOptions): Directory {
  const deps: DirectoryDeps = {
    store: options.store,
    clock: options.clock ?? systemClock,
    onRevoked: options.onRevoked ?? (() => {}),
    actorUserId: options.actorUserId ?? null,
  };
  return {
    createOrg: (input) => createOrg(deps, input),
    listOrgs: () => listOrgs(deps),
    addMember: (input) => addMember(deps, input),
    removeMember: (input) => removeMember(deps, input),
    listMembers: (input) => listMembers(deps, input),
    createToken: (input) => createToken(deps, input),
    listTokens: (input) => listTokens(deps, input),
    revokeToken: (input) => revokeToken(deps, input),
    agentOwner: (input) => deps.store.transaction((tx) => tx.getAgentOwner(input.orgId, input.agentId)),
    checkToken: (hash) => checkToken(deps, hash),
  };
}
