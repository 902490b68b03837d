import type { WireEvent } from "@mcp-coordinator/core/wire";
import { orgFilter, orgRoot, parseWireEvent, topicLevel } from "@mcp-coordinator/core/wire";
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import { type BackoffOptions, backoffDelay, checkBackoff } from "../events/backoff.js";
import { SeenSeqs } from "../events/seen-seqs.js";

export interface AgentSubscriberOptions {
  /** `mqtt://127.0.0.1:1883` or `ws://host:3100/mqtt`. */
  readonly url: string;
  readonly orgId: string;
  /** This agent's id: events it caused (`agent_id`) are dropped, and it is the MQTT client id. */
  readonly agentId: string;
  readonly onEvent: (event: WireEvent, topic: string) => void;
  /** Payloads that are not coordinator events (another client's raw JSON, garbage). */
  readonly onIgnored?: (topic: string, reason: string) => void;
  /**
   * Published by the broker if this connection is lost without DISCONNECT [MQTT-3.1.2-8], on
   * `agents/{agentId}/status`. Default: `{"agent_id": …, "status": "offline"}`; null for none.
   */
  readonly will?: Record<string, unknown> | null;
  /** Reconnect delays: exponential with jitter from `initialDelayMs` (500 ms) to `maxDelayMs` (30 s). */
  readonly backoff?: BackoffOptions;
  /** Extra MQTT.js options (credentials, protocolVersion 4 for 3.1.1 brokers). */
  readonly mqtt?: Omit<IClientOptions, "clientId" | "will" | "reconnectPeriod">;
}

export interface AgentSubscriber {
  readonly client: MqttClient;
  /** Resolves once connected and subscribed. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * The agent side of the push channel: one subscription to the org's subtree, own events dropped, typed
 * wire events out. Subscribes again after every reconnect whose session the broker did not keep.
 * QoS 1 is at-least-once [MQTT-4.3.2], so a redelivery after a reconnect is dropped by seq: an event
 * reaches `onEvent` once. Reconnects back off exponentially with jitter (MQTT.js waits a fixed
 * `reconnectPeriod`; it is re-set before each attempt).
 */
export function createAgentSubscriber(options: AgentSubscriberOptions): AgentSubscriber {
  const backoff = options.backoff ?? {};
  checkBackoff(backoff);
  for (const [field, value] of [
    ["url", options.url],
    ["orgId", options.orgId],
    ["agentId", options.agentId],
  ] as const) {
    if (typeof value !== "string" || value.trim() === "")
      throw new TypeError(`${field} must be a non-empty string.`);
  }
  const statusTopic = `${orgRoot(options.orgId)}/agents/${topicLevel(options.agentId)}/status`;
  const willPayload =
    options.will === null ? null : (options.will ?? { agent_id: options.agentId, status: "offline" });
  let attempt = 0;
  const client = mqtt.connect(options.url, {
    ...options.mqtt,
    clientId: options.agentId,
    reconnectPeriod: backoffDelay(0, backoff),
    ...(willPayload === null
      ? {}
      : {
          will: {
            topic: statusTopic,
            payload: JSON.stringify(willPayload),
            qos: 1,
            // Not retained: the coordinator's retained status is the truth, and the embedded broker
            // refuses retained client publications under coordinator/.
            retain: false,
          },
        }),
  });
  const filter = orgFilter(options.orgId);
  const seen = new SeenSeqs();
  let resolveReady: () => void;
  let rejectReady: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  client.on("connect", (connack) => {
    attempt = 0;
    client.options.reconnectPeriod = backoffDelay(0, backoff);
    if (connack.sessionPresent) return resolveReady();
    client.subscribe(filter, { qos: 1 }, (error, granted) => {
      const refused = granted?.some((grant) => grant.qos === 128);
      if (error || refused) rejectReady(error ?? new Error(`subscription to ${filter} refused`));
      else resolveReady();
    });
  });
  // "close" precedes the reconnect timer MQTT.js arms; the next attempt waits one step longer.
  client.on("close", () => {
    attempt++;
    client.options.reconnectPeriod = backoffDelay(attempt, backoff);
  });
  client.on("message", (topic, payload) => {
    if (payload.length === 0) return; // a retained message being cleared
    const parsed = parseWireEvent(payload);
    if (!parsed.ok) return options.onIgnored?.(topic, parsed.reason);
    if (parsed.wire.agent_id === options.agentId) return; // self-filter: never wake on our own actions
    if (!seen.add(parsed.wire.seq)) return; // a QoS 1 redelivery
    options.onEvent(parsed.wire, topic);
  });
  // Errors surface through reconnects; without a listener an EventEmitter "error" would throw.
  client.on("error", () => {});
  return {
    client,
    ready,
    close: async () => {
      await client.endAsync();
    },
  };
}
