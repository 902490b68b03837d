import type { SequencedEvent } from "@mcp-coordinator/core";
import { splitTopic } from "@mcp-coordinator/core/wire";
import { decodeEvent, encodeEvent } from "../codec/event-codec.js";
import type { BrokerLog } from "../log.js";
import { type QoS, retainedTopicsToClear, topicFor } from "../topics/topic-for.js";

/** One MQTT PUBLISH a bus sends. An empty payload with `retain` clears the retained message. */
export interface Publication {
  readonly topic: string;
  readonly payload: Buffer;
  readonly qos: QoS;
  readonly retain: boolean;
}

const EMPTY = Buffer.alloc(0);

/**
 * Turns events into publications and reads them back, shared by every bus. It remembers, per org topic
 * root, which thread the retained `consultations/new` currently holds, learning it from its own
 * publications and from what it receives (so a cluster of coordinators agrees).
 */
export class PublicationCodec {
  readonly #retainedNew = new Map<string, string>();
  readonly #log: BrokerLog;

  constructor(log: BrokerLog) {
    this.#log = log;
  }

  /** Publications for a batch, in order; an event whose topic cannot be built is logged and skipped. */
  plan(events: readonly SequencedEvent[]): Publication[] {
    const out: Publication[] = [];
    for (const event of events) {
      let route: ReturnType<typeof topicFor>;
      try {
        route = topicFor(event);
      } catch (error) {
        this.#log("warn", "event not published: no topic", { type: event.type, error: String(error) });
        continue;
      }
      out.push({ topic: route.topic, payload: encodeEvent(event), qos: route.qos, retain: route.retain });
      for (const topic of retainedTopicsToClear(event, this.#retainedNewOf(route.topic))) {
        out.push({ topic, payload: EMPTY, qos: 1, retain: true });
        this.#forget(topic);
      }
      if (event.type === "thread.opened") this.#remember(route.topic, event.thread.threadId);
    }
    return out;
  }

  /**
   * Reads one received publication. Returns the event for handlers, or null when there is nothing to
   * deliver: a retained-message clear, a retained replay (history, not news), or a refused payload.
   */
  read(topic: string, payload: Uint8Array, retained: boolean): SequencedEvent | null {
    if (payload.length === 0) {
      this.#forget(topic);
      return null;
    }
    const decoded = decodeEvent(payload);
    if (!decoded.ok) {
      this.#log("warn", "dropped MQTT payload", { topic, reason: decoded.reason });
      return null;
    }
    const { event } = decoded;
    if (expectedTopic(event) !== topic) {
      // Only a payload on the topic its own event maps to is an event; anything else is a lookalike
      // message (wrong org, wrong thread) and must not enter the coordinator.
      this.#log("warn", "dropped MQTT payload on a topic that does not match its event", {
        topic,
        type: event.type,
      });
      return null;
    }
    if (event.type === "thread.opened") this.#remember(topic, event.thread.threadId);
    return retained ? null : event;
  }

  #retainedNewOf(eventTopic: string): string | null {
    const newTopic = newTopicOf(eventTopic);
    return newTopic === null ? null : (this.#retainedNew.get(newTopic) ?? null);
  }

  #remember(newTopic: string, threadId: string): void {
    this.#retainedNew.set(newTopic, threadId);
  }

  #forget(topic: string): void {
    this.#retainedNew.delete(topic);
  }
}

/** `coordinator/{org}/anything` → `coordinator/{org}/consultations/new`. */
function newTopicOf(topic: string): string | null {
  const split = splitTopic(topic);
  return split === null ? null : `coordinator/${split.orgLevel}/consultations/new`;
}

function expectedTopic(event: SequencedEvent): string | null {
  try {
    return topicFor(event).topic;
  } catch {
    return null;
  }
}
