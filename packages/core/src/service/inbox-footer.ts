import type { InboxItem } from "../model/inbox.js";
import type { StoreTx } from "../ports/store.js";
import type { AgentRef, CoordinatorDeps } from "./deps.js";

export interface InboxDigest {
  readonly unread: number;
  /** One line for the end of every tool result, or null when nothing is pending. */
  readonly line: string | null;
  readonly items: readonly InboxItem[];
}

/**
 * What is waiting for the agent, in one line ("2 unread in T-14 from bob: proposal awaiting your
 * approval"). Coding clients do not show notifications to the model, so every tool result carries this.
 */
export async function inboxDigest(deps: CoordinatorDeps, actor: AgentRef): Promise<InboxDigest> {
  return deps.store.transaction((tx) => readInboxDigest(tx, actor));
}

/** The digest as one transaction sees it, for use cases that answer with it (see preEdit). */
export async function readInboxDigest(tx: StoreTx, actor: AgentRef): Promise<InboxDigest> {
  const items = await tx.listInbox(actor.orgId, actor.agentId, { limit: 50 });
  return { unread: items.length, line: footerLine(items), items };
}

export function footerLine(items: readonly InboxItem[]): string | null {
  if (items.length === 0) return null;
  const newest = items[items.length - 1] as InboxItem;
  const threads = [...new Set(items.map((i) => i.threadId).filter((t): t is string => t !== null))];
  const where =
    threads.length === 1
      ? ` in ${threads[0]}`
      : threads.length > 1
        ? ` across ${threads.length} threads`
        : "";
  const from = newest.fromAgentId ? ` from ${newest.fromAgentId}` : "";
  // The moved signature (or the drift and whom it now affects) is the whole point of the notice: the
  // model sees it without another call.
  const what = SAYS_IT_ALL.has(newest.kind) ? newest.summary : HINT[newest.kind];
  return `📬 ${items.length} unread${where}${from}: ${what} — get_queued_messages to read.`;
}

const SAYS_IT_ALL: ReadonlySet<InboxItem["kind"]> = new Set(["input_moved", "intent_drift"]);

const HINT: Record<InboxItem["kind"], string> = {
  thread_opened: "a consultation concerns you",
  message: "new thread message",
  proposal: "proposal awaiting your approval",
  approval: "your proposal was approved",
  contest: "a proposal was contested",
  resolution: "a thread you are in ended",
  introspection_request: "asked whether new work concerns you",
  claim: "a task changed hands",
  direct: "direct message",
  heads_up: "work near yours started (you are not consulted)",
  input_moved: "an export you depend on changed",
  intent_drift: "your edit outside your announcement now affects others",
};
