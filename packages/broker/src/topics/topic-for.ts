import type { CoordinatorEvent, CoordinatorEventType } from "@mcp-coordinator/core";
import { isTerminal } from "@mcp-coordinator/core";
import { orgRoot, topicLevel } from "@mcp-coordinator/core/wire";
import { BrokerError } from "../errors.js";

export type QoS = 0 | 1;

/** Where one event goes on MQTT and how it is delivered. */
export interface TopicRoute {
  /** Full topic, `coordinator/{org}/…`. */
  readonly topic: string;
  readonly qos: QoS;
  /** Retained: the broker keeps the last message and hands it to whoever subscribes later. */
  readonly retain: boolean;
}

/** The topic an event is published on, relative to `coordinator/{org}/`, with its delivery options. */
type RelativeRoute<E> = (event: E) => { readonly path: string; readonly qos: QoS; readonly retain: boolean };

type Routes = { [T in CoordinatorEventType]: RelativeRoute<CoordinatorEvent & { readonly type: T }> };

/** `coordinator/{org}/quota/update`: the spec's topic for quota refreshes. */
export const QUOTA_UPDATE_PATH = "quota/update";
/** `coordinator/{org}/tokens/usage`: each agent's reported model usage (`token_usage`). */
export const TOKEN_USAGE_PATH = "tokens/usage";

const thread = (id: string, leaf: string) => `consultations/${topicLevel(id)}/${leaf}`;
const agent = (id: string, leaf: string) => `agents/${topicLevel(id)}/${leaf}`;

/**
 * The topic map (README, "Topic map"). A mapped type over the event union: adding an event type to core
 * without a route here is a compile error.
 */
const ROUTES: Routes = {
  "thread.opened": () => ({ path: "consultations/new", qos: 1, retain: true }),
  "thread.message": (e) => ({ path: thread(e.threadId, "messages"), qos: 1, retain: false }),
  // Retained only while the thread is live: a terminal status reaches live subscribers and then the
  // retained copy is cleared (retainedTopicsToClear), so the broker does not keep one per thread forever.
  "thread.status": (e) => ({ path: thread(e.threadId, "status"), qos: 1, retain: !isTerminal(e.status) }),
  "thread.claimed": (e) => ({ path: thread(e.threadId, "claimed"), qos: 1, retain: false }),
  "thread.unclaimed": (e) => ({ path: thread(e.threadId, "unclaimed"), qos: 1, retain: false }),
  "thread.completed": (e) => ({ path: thread(e.threadId, "completed"), qos: 1, retain: false }),
  "thread.poisoned": (e) => ({ path: thread(e.threadId, "poisoned"), qos: 1, retain: false }),
  "introspection.requested": (e) => ({
    path: agent(e.targetAgentId, "introspection"),
    qos: 1,
    retain: false,
  }),
  "inbox.bounced": (e) => ({ path: agent(e.recipientId, "bounced"), qos: 1, retain: false }),
  "agent.registered": (e) => ({ path: agent(actor(e), "status"), qos: 1, retain: true }),
  "agent.status": (e) => ({ path: agent(actor(e), "status"), qos: 1, retain: e.status !== "offline" }),
  "agent.activity": (e) => ({ path: agent(actor(e), "activity"), qos: 0, retain: true }),
  "announcement.scored": () => ({ path: "announcements/scored", qos: 1, retain: false }),
  "file.activity": () => ({ path: "files/activity", qos: 0, retain: false }),
  "file.claimed": () => ({ path: "files/claims", qos: 1, retain: false }),
  "file.released": () => ({ path: "files/claims", qos: 1, retain: false }),
  "dependency_map.updated": () => ({ path: "dependency-map/updated", qos: 1, retain: true }),
  "action.logged": () => ({ path: "actions/logged", qos: 0, retain: false }),
  "message.published": (e) => ({ path: rawTopic(e.topic), qos: 1, retain: false }),
  // Retained: an orchestrator that subscribes before spawning agents gets the last reading at once.
  "quota.updated": () => ({ path: QUOTA_UPDATE_PATH, qos: 1, retain: true }),
  // Each report counts once: a retained copy would be summed again by every late subscriber.
  token_usage: () => ({ path: TOKEN_USAGE_PATH, qos: 1, retain: false }),
};

/** Pure: the route of one event. Throws `INVALID_TOPIC` for a raw publication whose topic is unusable. */
export function topicFor(event: CoordinatorEvent): TopicRoute {
  const route = (ROUTES[event.type] as RelativeRoute<CoordinatorEvent>)(event);
  return { topic: `${orgRoot(event.orgId)}/${route.path}`, qos: route.qos, retain: route.retain };
}

/**
 * Retained messages exist only for live things. `consultations/new` holds the newest opened thread: when
 * that thread ends it is cleared. A thread's own `status` is cleared when the thread ends, and an agent's
 * `status` and `activity` when it goes offline, so a new subscriber receives what is live, not history
 * (an empty retained payload clears [MQTT-3.3.1-10]). Pure: `retainedNewThreadId` is what the bus last saw
 * on `consultations/new`.
 */
export function retainedTopicsToClear(event: CoordinatorEvent, retainedNewThreadId: string | null): string[] {
  const root = orgRoot(event.orgId);
  if (event.type === "agent.status" && event.status === "offline" && event.actorId !== null) {
    return [`${root}/${agent(event.actorId, "status")}`, `${root}/${agent(event.actorId, "activity")}`];
  }
  if (event.type !== "thread.status" || !isTerminal(event.status)) return [];
  const topics = [`${root}/${thread(event.threadId, "status")}`];
  if (retainedNewThreadId === event.threadId) topics.push(`${root}/consultations/new`);
  return topics;
}

function actor(event: CoordinatorEvent): string {
  if (event.actorId === null) {
    throw new BrokerError(
      "INVALID_TOPIC",
      `${event.type} needs the agent id in actorId to build its topic.`,
      {
        type: event.type,
      },
    );
  }
  return event.actorId;
}

/**
 * A raw `mqtt_publish` topic, relative to the org root: non-empty levels, no wildcards [MQTT-3.3.2-2],
 * no `$` prefix (reserved for the broker [MQTT-4.7.2-1]).
 */
function rawTopic(topic: string): string {
  const valid =
    topic.length > 0 &&
    !topic.startsWith("$") &&
    !/[+#]/.test(topic) &&
    !topic.includes(String.fromCharCode(0)) &&
    topic.split("/").every((level) => level.length > 0);
  if (!valid) {
    throw new BrokerError(
      "INVALID_TOPIC",
      `"${topic}" is not a publishable topic: use non-empty levels without + or # (for example "broadcast").`,
      { topic },
    );
  }
  return topic;
}
