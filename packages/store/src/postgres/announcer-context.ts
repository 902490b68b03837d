import type { Announcement, Thread, ThreadFilter, ThreadStatus } from "@mcp-coordinator/core";

/** The live thread statuses announce_work reads for the announcer ("open", "resolving"). */
export const ANNOUNCER_THREAD_STATUSES: readonly ThreadStatus[] = ["open", "resolving"];
/** The most live threads fetched ahead; a read asking for more goes to the database. */
export const ANNOUNCER_THREADS_LIMIT = 500;

interface Fetched {
  readonly orgId: string;
  readonly agentId: string;
  readonly at: number;
  announcements: Announcement[] | null;
  liveThreads: Thread[] | null;
}

/**
 * The announcer's own active announcements and live threads, fetched by the evidence statement, for the
 * two reads announce_work makes right after it (listAnnouncements of its active work, listThreads of its
 * live consultations): each is answered once from here instead of costing a round trip. A list is served
 * only to the exact read it answers, at most once, and is dropped as soon as the transaction writes that
 * table, so a read after a write still goes to the database. Under READ COMMITTED an answer read earlier in
 * the same transaction is as consistent as a second statement would have been.
 */
export class AnnouncerContext {
  private fetched: Fetched | null = null;

  remember(
    orgId: string,
    agentId: string,
    at: number,
    lists: { readonly announcements: Announcement[]; readonly liveThreads: Thread[] },
  ): void {
    this.fetched = { orgId, agentId, at, ...lists };
  }

  /** The announcer's active announcements at the evidence's `now`, if that is exactly what is asked. */
  takeAnnouncements(
    orgId: string,
    filter: { readonly agentId?: string; readonly threadId?: string; readonly activeAt?: number },
  ): Announcement[] | undefined {
    const f = this.fetched;
    if (f === null || f.announcements === null) return undefined;
    if (f.orgId !== orgId || filter.threadId !== undefined) return undefined;
    if (filter.agentId !== f.agentId || filter.activeAt !== f.at) return undefined;
    const list = f.announcements;
    f.announcements = null;
    return list;
  }

  /** The announcer's open and resolving threads, newest first, if that is exactly what is asked. */
  takeLiveThreads(orgId: string, filter: ThreadFilter): Thread[] | undefined {
    const f = this.fetched;
    if (f === null || f.liveThreads === null) return undefined;
    if (f.orgId !== orgId || filter.agentId !== f.agentId || filter.taskStates !== undefined)
      return undefined;
    const statuses = filter.statuses ?? [];
    const sameStatuses =
      statuses.length === ANNOUNCER_THREAD_STATUSES.length &&
      ANNOUNCER_THREAD_STATUSES.every((status) => statuses.includes(status));
    const limit = filter.limit ?? 100;
    if (!sameStatuses || limit > ANNOUNCER_THREADS_LIMIT) return undefined;
    const list = f.liveThreads;
    f.liveThreads = null;
    return list.slice(0, limit);
  }

  /** The transaction wrote announcements: what was fetched no longer answers. */
  forgetAnnouncements(): void {
    if (this.fetched !== null) this.fetched.announcements = null;
  }

  /** The transaction wrote threads or their participants: likewise. */
  forgetThreads(): void {
    if (this.fetched !== null) this.fetched.liveThreads = null;
  }
}
