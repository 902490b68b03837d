import { CoordinatorError } from "../errors.js";
import type { InboxItem } from "../model/inbox.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import { requireAgent } from "./load.js";
import { checkPublishPayload } from "./publish-payload.js";
import { commit } from "./unit-of-work.js";

/**
 * Drains the caller's inbox: returns unacknowledged items oldest first and marks them delivered.
 * With `ack` (the default) they are acknowledged at once; without it they come back on the next call
 * until `ackMessages` (redelivery for clients that may lose a tool result).
 */
export async function getQueuedMessages(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly ack?: boolean; readonly limit?: number } = {},
): Promise<InboxItem[]> {
  return commit(deps, actor, async (tx, changes) => {
    await requireAgent(deps, tx, actor, changes);
    const items = await tx.listInbox(actor.orgId, actor.agentId, { limit: input.limit ?? 50 });
    if (items.length === 0) return [];
    const now = deps.clock.now();
    const ids = items.map((i) => i.id);
    const redelivered = items.filter((i) => i.deliveryCount > 0).length;
    if (redelivered > 0)
      changes.observe({ kind: "inbox.redelivered", orgId: actor.orgId, count: redelivered });
    await tx.updateInbox(actor.orgId, actor.agentId, ids, {
      deliveredAt: now,
      ...(input.ack === false ? {} : { ackedAt: now }),
    });
    return items.map((i) => ({
      ...i,
      deliveredAt: now,
      deliveryCount: i.deliveryCount + 1,
      ackedAt: input.ack === false ? i.ackedAt : now,
    }));
  });
}

export async function ackMessages(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly ids: readonly string[] },
): Promise<number> {
  return commit(deps, actor, async (tx, changes) => {
    await requireAgent(deps, tx, actor, changes);
    return tx.updateInbox(actor.orgId, actor.agentId, input.ids, { ackedAt: deps.clock.now() });
  });
}

/**
 * Long-poll: answers at once when something is queued, otherwise waits for the next inbox-bearing event
 * (or the timeout) and drains then. The wait is capped below clients' tool-call timeouts.
 */
export async function waitForMessage(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly timeoutMs?: number; readonly ack?: boolean } = {},
): Promise<{ readonly items: InboxItem[]; readonly timedOut: boolean }> {
  const timeoutMs = Math.min(input.timeoutMs ?? deps.config.defaultWaitMs, deps.config.maxWaitMs);
  const drain = () =>
    getQueuedMessages(deps, actor, { ...(input.ack === undefined ? {} : { ack: input.ack }) });
  const first = await drain();
  if (first.length > 0) return { items: first, timedOut: false };
  await waitUntil(deps, actor.orgId, timeoutMs, async () => (await peekInbox(deps, actor)) > 0);
  const items = await drain();
  return { items, timedOut: items.length === 0 };
}

async function peekInbox(deps: CoordinatorDeps, actor: Actor): Promise<number> {
  return (await deps.store.transaction((tx) => tx.listInbox(actor.orgId, actor.agentId, { limit: 1 })))
    .length;
}

/**
 * Resolves when `check` turns true after an event of the org, or when the timeout passes. Checks run one
 * at a time, so a burst of events costs one store read at a time.
 */
export function waitUntil(
  deps: CoordinatorDeps,
  orgId: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    let checking = false;
    let again = false;
    const finish = (value: boolean) => {
      if (done) return;
      done = true;
      unsubscribe();
      cancelTimer();
      resolve(value);
    };
    const run = async () => {
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          if (await check()) return finish(true);
        } while (again && !done);
      } catch (error) {
        deps.log("warn", "wait check failed", { error: String(error) });
      } finally {
        checking = false;
      }
    };
    const unsubscribe = deps.bus.subscribe(() => void run(), { orgId });
    const cancelTimer = deps.clock.setTimer(timeoutMs, () => finish(false));
    void run();
  });
}

const TOPIC_SEGMENT = /^[A-Za-z0-9._:@-]+$/;

/** mqtt_publish: a raw JSON message on a topic under the org's subtree (`broadcast`, `custom/...`). */
export async function publishMessage(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly topic: string; readonly payload: unknown },
): Promise<{ readonly topic: string }> {
  const topic = input.topic.replace(/^\/+|\/+$/g, "");
  const segments = topic.split("/");
  if (topic === "" || segments.some((s) => !TOPIC_SEGMENT.test(s))) {
    throw new CoordinatorError(
      "TOPIC_FORBIDDEN",
      `Topic ${JSON.stringify(input.topic)} is not allowed: use segments of letters, digits, '.', '_', ':', '@' or '-' (no wildcards), e.g. "broadcast" or "custom/build".`,
      { field: "topic" },
    );
  }
  if (segments[0] !== "broadcast" && segments[0] !== "custom") {
    throw new CoordinatorError(
      "TOPIC_FORBIDDEN",
      `Topic ${topic} is reserved for the coordinator's own events; publish on "broadcast" or under "custom/".`,
      { field: "topic" },
    );
  }
  checkPublishPayload(input.payload);
  return commit(deps, actor, async (tx, changes) => {
    await requireAgent(deps, tx, actor, changes);
    changes.emit({
      type: "message.published",
      orgId: actor.orgId,
      actorId: actor.agentId,
      at: deps.clock.now(),
      topic,
      payload: input.payload,
    });
    return { topic };
  });
}
