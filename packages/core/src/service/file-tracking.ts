import { CoordinatorError } from "../errors.js";
import type { FileAction, FileActivity, WorkingFileClaim } from "../model/file-activity.js";
import { normalizePath } from "../paths/normalize-path.js";
import type { StoreTx } from "../ports/store.js";
import type { Actor, CoordinatorDeps, OrgScope } from "./deps.js";
import { requireAgent } from "./load.js";
import { normalizeFiles } from "./normalize-input.js";
import { type Changes, commit } from "./unit-of-work.js";

/** Records that the agent changed a file (hooks, REST, log_action_summary): feeds Layers 1/2 and hot files. */
export async function recordFileActivity(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly path: string; readonly action?: FileAction },
): Promise<FileActivity> {
  const path = normalizePath(input.path, deps.config.repoRoot);
  return commit(deps, actor, async (tx, changes) => {
    await requireAgent(deps, tx, actor, changes);
    return addActivity(deps, tx, changes, actor, path, input.action ?? "edit");
  });
}

export async function addActivity(
  deps: CoordinatorDeps,
  tx: StoreTx,
  changes: Changes,
  actor: Actor,
  path: string,
  action: FileAction,
): Promise<FileActivity> {
  const now = deps.clock.now();
  const activity: FileActivity = {
    orgId: actor.orgId,
    id: deps.ids.next("activity"),
    agentId: actor.agentId,
    path,
    action,
    at: now,
  };
  await tx.appendFileActivity(activity);
  const agent = await tx.getAgent(actor.orgId, actor.agentId);
  if (agent) await tx.putAgent({ ...agent, currentFile: path, lastActivityAt: now, lastSeenAt: now });
  changes.emit({ type: "file.activity", orgId: actor.orgId, actorId: actor.agentId, at: now, path, action });
  return activity;
}

/** "I am editing these files now": short-lived claims other agents' scoring and the git guard see. */
export async function claimWorkingFiles(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly paths: readonly string[]; readonly ttlMs?: number },
): Promise<WorkingFileClaim[]> {
  const paths = normalizeFiles(deps, input.paths);
  if (paths.length === 0) {
    throw new CoordinatorError("VALIDATION_FAILED", "paths is empty; list the files you are about to edit.", {
      field: "paths",
    });
  }
  return commit(deps, actor, async (tx, changes) => {
    await requireAgent(deps, tx, actor, changes);
    const now = deps.clock.now();
    const expiresAt = now + (input.ttlMs ?? deps.config.workingFileTtlMs);
    const claims = paths.map((path) => ({
      orgId: actor.orgId,
      agentId: actor.agentId,
      path,
      claimedAt: now,
      expiresAt,
    }));
    await tx.putClaims(claims);
    changes.emit({
      type: "file.claimed",
      orgId: actor.orgId,
      actorId: actor.agentId,
      at: now,
      paths,
      expiresAt,
    });
    return claims;
  });
}

export async function releaseWorkingFiles(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly paths?: readonly string[] } = {},
): Promise<string[]> {
  const paths = input.paths ? normalizeFiles(deps, input.paths) : undefined;
  return commit(deps, actor, async (tx, changes) => {
    await requireAgent(deps, tx, actor, changes);
    const released = await tx.deleteClaims(actor.orgId, actor.agentId, paths);
    if (released.length > 0) {
      changes.emit({
        type: "file.released",
        orgId: actor.orgId,
        actorId: actor.agentId,
        at: deps.clock.now(),
        paths: released.map((c) => c.path),
        expiresAt: null,
      });
    }
    return released.map((c) => c.path);
  });
}

export interface HotFile {
  readonly path: string;
  readonly agents: readonly string[];
  readonly edits: number;
  readonly lastAt: number;
}

/** Files edited (or claimed) by more than one agent within the window, most contended first. */
export async function hotFiles(
  deps: CoordinatorDeps,
  scope: OrgScope,
  input: { readonly windowMs?: number; readonly minAgents?: number } = {},
): Promise<HotFile[]> {
  const now = deps.clock.now();
  const since = now - (input.windowMs ?? 30 * 60_000);
  const { activity, claims } = await deps.store.transaction(async (tx) => ({
    activity: await tx.listFileActivity(scope.orgId, { since, limit: 10_000 }),
    claims: await tx.listClaims(scope.orgId, { activeAt: now }),
  }));
  const byPath = new Map<string, { agents: Set<string>; edits: number; lastAt: number }>();
  const entry = (path: string) => {
    const found = byPath.get(path) ?? { agents: new Set<string>(), edits: 0, lastAt: 0 };
    byPath.set(path, found);
    return found;
  };
  for (const a of activity) {
    const e = entry(a.path);
    e.agents.add(a.agentId);
    e.edits += 1;
    e.lastAt = Math.max(e.lastAt, a.at);
  }
  for (const c of claims) {
    const e = entry(c.path);
    e.agents.add(c.agentId);
    e.lastAt = Math.max(e.lastAt, c.claimedAt);
  }
  return [...byPath.entries()]
    .filter(([, e]) => e.agents.size >= (input.minAgents ?? 2))
    .map(([path, e]) => ({ path, agents: [...e.agents].sort(), edits: e.edits, lastAt: e.lastAt }))
    .sort((a, b) => b.agents.length - a.agents.length || b.edits - a.edits || b.lastAt - a.lastAt);
}

/** Files an agent touched since it registered (its session), newest first. */
export async function getSessionFiles(
  deps: CoordinatorDeps,
  scope: OrgScope,
  input: { readonly agentId: string },
): Promise<Array<{ path: string; edits: number; lastAt: number }>> {
  return deps.store.transaction(async (tx) => {
    const agent = await tx.getAgent(scope.orgId, input.agentId);
    if (agent === null) {
      throw new CoordinatorError(
        "AGENT_NOT_FOUND",
        `No agent ${input.agentId}. list_agents shows who is registered.`,
        {
          agentId: input.agentId,
        },
      );
    }
    const rows = await tx.listFileActivity(scope.orgId, {
      agentId: agent.id,
      since: agent.registeredAt,
      limit: 5_000,
    });
    const files = new Map<string, { path: string; edits: number; lastAt: number }>();
    for (const row of rows) {
      const file = files.get(row.path) ?? { path: row.path, edits: 0, lastAt: row.at };
      file.edits += 1;
      file.lastAt = Math.max(file.lastAt, row.at);
      files.set(row.path, file);
    }
    return [...files.values()].sort((a, b) => b.lastAt - a.lastAt);
  });
}
