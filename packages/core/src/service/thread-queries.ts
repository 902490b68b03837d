import type { Message, Thread, ThreadStatus } from "../model/thread.js";
import type { CoordinatorDeps, OrgScope } from "./deps.js";
import { requireThread } from "./load.js";
import { describeThread, type ThreadView } from "./read-models/thread-view.js";

export async function getThread(
  deps: CoordinatorDeps,
  scope: OrgScope,
  input: { readonly threadId: string },
): Promise<ThreadView> {
  return deps.store.transaction(async (tx) => {
    const thread = await requireThread(tx, scope.orgId, input.threadId);
    const messages = await tx.listMessages(scope.orgId, thread.id, { limit: 500 });
    return describeThread(thread, messages, deps.clock.now());
  });
}

export interface ThreadUpdates {
  readonly messages: readonly Message[];
  /** Threads (of the filter) changed since the instant, with their current state. */
  readonly threads: readonly Thread[];
  /** Pass this as `since` next time. */
  readonly cursor: number;
}

/**
 * Polling for clients without push: messages posted after `since` on one thread, or on every thread the
 * agent takes part in.
 */
export async function getThreadUpdates(
  deps: CoordinatorDeps,
  scope: OrgScope,
  input: { readonly since: number; readonly threadId?: string; readonly agentId?: string },
): Promise<ThreadUpdates> {
  return deps.store.transaction(async (tx) => {
    const threads = input.threadId
      ? [await requireThread(tx, scope.orgId, input.threadId)]
      : await tx.listThreads(
          scope.orgId,
          input.agentId ? { agentId: input.agentId, limit: 200 } : { limit: 200 },
        );
    const messages: Message[] = [];
    for (const thread of threads)
      messages.push(...(await tx.listMessages(scope.orgId, thread.id, { after: input.since })));
    messages.sort((a, b) => a.createdAt - b.createdAt);
    const changed = threads.filter((t) => t.updatedAt > input.since);
    const cursor = Math.max(
      input.since,
      ...messages.map((m) => m.createdAt),
      ...changed.map((t) => t.updatedAt),
    );
    return { messages, threads: changed, cursor };
  });
}

export async function listThreads(
  deps: CoordinatorDeps,
  scope: OrgScope,
  input: {
    readonly statuses?: readonly ThreadStatus[];
    readonly agentId?: string;
    readonly limit?: number;
  } = {},
): Promise<Thread[]> {
  return deps.store.transaction((tx) =>
    tx.listThreads(scope.orgId, {
      ...(input.statuses ? { statuses: input.statuses } : {}),
      ...(input.agentId ? { agentId: input.agentId } : {}),
      limit: input.limit ?? 50,
    }),
  );
}
