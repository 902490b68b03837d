import type { EventBus, EventHandler, SequencedEvent, SubscribeOptions } from "@mcp-coordinator/core";
import { ALL_ORGS_FILTER } from "@mcp-coordinator/core/wire";
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import { LocalFanout } from "../bus/local-fanout.js";
import { type Publication, PublicationCodec } from "../bus/outbound-planner.js";
import { BrokerError } from "../errors.js";
import { type BrokerLog, silentLog } from "../log.js";
import { type AgentWill, readAgentWill } from "./agent-will.js";
import { EventDelivery } from "./event-delivery.js";
import { ReconnectBackoff, type ReconnectBackoffOptions } from "./reconnect-backoff.js";

export interface ExternalBrokerOptions {
  /** `mqtt://host:1883`, `mqtts://…`, `ws://…/mqtt`. */
  readonly url: string;
  /**
   * A stable client id makes the session persistent (clean start off, one-hour expiry): events published
   * while this coordinator was away are queued by the broker. Default: a random id, clean session.
   */
  readonly clientId?: string;
  /** Extra MQTT.js options (credentials, TLS). Protocol is always MQTT 5 (the bus needs No Local). */
  readonly mqtt?: Omit<IClientOptions, "clientId" | "clean" | "protocolVersion" | "reconnectPeriod">;
  /** Events kept while disconnected; past it the oldest are dropped and logged. Default 10 000. */
  readonly maxBufferedEvents?: number;
  readonly reconnect?: ReconnectBackoffOptions;
  /** How long `createExternalBus` waits for the first CONNACK and SUBACK. Default 10 s. */
  readonly connectTimeoutMs?: number;
  readonly log?: BrokerLog;
  /**
   * An agent's connection to the broker was lost: its last will (see readAgentWill) arrived. The external
   * broker, not this process, sees agents come and go, so this is how the host still marks them offline.
   * Who may publish on an agent's status topic is the broker's ACL to decide.
   */
  readonly onAgentWill?: (will: AgentWill) => void;
}

/**
 * EventBus over a broker that runs elsewhere (Mosquitto, EMQX): the way several coordinator instances
 * share events. Local handlers get events synchronously on publish; events of other instances arrive
 * through the broker (own publications are not echoed back: MQTT 5 No Local [MQTT-3.8.3.1]).
 */
/** A publication with the id `flush` tracks it by, and the delivery of the event it carries. */
interface Tracked {
  readonly publication: Publication;
  readonly id: number;
  readonly delivery: EventDelivery;
}

interface FlushWaiter {
  readonly ids: Set<number>;
  readonly resolve: () => void;
}

export class MqttEventBus implements EventBus {
  readonly #client: MqttClient;
  readonly #fanout: LocalFanout;
  readonly #codec: PublicationCodec;
  readonly #log: BrokerLog;
  readonly #maxBuffered: number;
  readonly #buffer: Tracked[] = [];
  #inFlight = 0;
  #dropped = 0;
  #nextId = 0;
  /** Ids of publications handed to `publish` and not yet acknowledged, written or dropped. */
  readonly #pending = new Set<number>();
  /** Each flush waits for the ids pending when it was called, not for a bus that is never idle. */
  #flushWaiters: FlushWaiter[] = [];
  /** Each published event's delivery, for `confirm` (the publisher passes the same event objects). */
  readonly #deliveries = new WeakMap<SequencedEvent, EventDelivery>();
  #closing: Promise<void> | null = null;
  #onReady: (() => void) | null = null;

  private constructor(client: MqttClient, options: ExternalBrokerOptions) {
    this.#client = client;
    this.#log = options.log ?? silentLog;
    this.#fanout = new LocalFanout(this.#log);
    this.#codec = new PublicationCodec(this.#log);
    this.#maxBuffered = options.maxBufferedEvents ?? 10_000;
    const backoff = new ReconnectBackoff(options.reconnect);
    client.on("connect", (connack) => {
      client.options.reconnectPeriod = backoff.reset();
      // A resumed session keeps its subscription; a fresh one needs it again.
      if (connack.sessionPresent) this.#ready();
      else this.#subscribeAll();
      this.#drain();
    });
    client.on("close", () => {
      client.options.reconnectPeriod = backoff.next();
    });
    client.on("error", (error) => this.#log("warn", "MQTT connection error", { error: error.message }));
    client.on("message", (topic, payload, packet) => {
      const will = options.onAgentWill && !packet.retain ? readAgentWill(topic, payload) : null;
      if (will) return options.onAgentWill?.(will);
      const event = this.#codec.read(topic, payload, packet.retain);
      if (event !== null) this.#fanout.deliver(event);
    });
  }

  /** Connects and subscribes to every org's events; resolves once the subscription is acknowledged. */
  static async connect(options: ExternalBrokerOptions): Promise<MqttEventBus> {
    const persistent = options.clientId !== undefined;
    const initial = new ReconnectBackoff(options.reconnect).reset();
    const client = mqtt.connect(options.url, {
      ...options.mqtt,
      protocolVersion: 5,
      clientId: options.clientId ?? `mcp-coordinator-${crypto.randomUUID()}`,
      clean: !persistent,
      ...(persistent ? { properties: { ...options.mqtt?.properties, sessionExpiryInterval: 3600 } } : {}),
      reconnectPeriod: initial,
      // Our own buffer below is bounded; MQTT.js' offline queue is not.
      queueQoSZero: false,
    });
    const bus = new MqttEventBus(client, options);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        client.end(true);
        reject(
          new BrokerError("BROKER_UNREACHABLE", `No CONNACK from ${options.url} within ${timeoutMs} ms.`, {
            url: options.url,
          }),
        );
      }, timeoutMs);
      // Ready once subscribed, so nothing published by other instances right after is missed.
      bus.#onReady = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    return bus;
  }

  /** Events dropped because the buffer was full while disconnected. */
  get droppedEvents(): number {
    return this.#dropped;
  }

  get connected(): boolean {
    return this.#client.connected;
  }

  /**
   * Delivers to local handlers, then hands the publications to the broker, or to the bounded buffer
   * while disconnected. Resolves without waiting for PUBACKs, so an outage never stalls the coordinator;
   * `confirm(events)` waits for them, and says whether any was lost.
   */
  async publish(events: readonly SequencedEvent[]): Promise<void> {
    if (this.#closing !== null) throw new BrokerError("BUS_CLOSED", "publish on a closed event bus.");
    for (const event of events) this.#fanout.deliver(event);
    for (const event of events) {
      // Planned one event at a time, so each publication knows whose delivery it completes.
      const publications = this.#codec.plan([event]);
      const delivery = new EventDelivery(event.seq, publications.length);
      this.#deliveries.set(event, delivery);
      for (const publication of publications) {
        const tracked = { publication, id: ++this.#nextId, delivery };
        this.#pending.add(tracked.id);
        if (this.#client.connected && this.#buffer.length === 0) this.#send(tracked);
        else this.#enqueue(tracked);
      }
    }
  }

  /**
   * Resolves once every one of `events` (published on this bus) is acknowledged by the broker; rejects
   * with EVENTS_NOT_DELIVERED, naming their seqs, when any was dropped from a full buffer or failed. QoS 0
   * publications are fire-and-forget by design and never count as lost.
   */
  async confirm(events: readonly SequencedEvent[]): Promise<void> {
    const outcomes = await Promise.all(
      events.map(async (event) => ({ seq: event.seq, outcome: await this.#deliveries.get(event)?.outcome })),
    );
    const lost = outcomes.filter((entry) => entry.outcome === "lost").map((entry) => entry.seq);
    if (lost.length === 0) return;
    throw new BrokerError(
      "EVENTS_NOT_DELIVERED",
      `${lost.length} event(s) did not reach the broker (dropped while disconnected, or the publish failed); they stay in the event log's outbox and are published again by the next replay.`,
      { seqs: lost },
    );
  }

  subscribe(handler: EventHandler, options?: SubscribeOptions): () => void {
    return this.#fanout.add(handler, options);
  }

  /**
   * Resolves once every publication made before the call is acknowledged by the broker (QoS 1), written
   * (QoS 0) or dropped from a full buffer (counted in `droppedEvents`). Later publications do not hold
   * it up, so a bus that is never idle still flushes.
   */
  flush(): Promise<void> {
    if (this.#pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#flushWaiters.push({ ids: new Set(this.#pending), resolve }));
  }

  /** Waits up to `flushTimeoutMs` for pending publications, then disconnects. Idempotent. */
  close(flushTimeoutMs = 5_000): Promise<void> {
    this.#closing ??= (async () => {
      this.#fanout.clear();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.flush(),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, flushTimeoutMs))),
      ]);
      clearTimeout(timer);
      if (this.#buffer.length > 0 || this.#inFlight > 0) {
        this.#log("warn", "closing with unacknowledged events", {
          buffered: this.#buffer.length,
          inFlight: this.#inFlight,
        });
      }
      await this.#client.endAsync(!this.#client.connected);
    })();
    return this.#closing;
  }

  #subscribeAll(): void {
    this.#client.subscribe(ALL_ORGS_FILTER, { qos: 1, nl: true }, (error) => {
      if (error) {
        this.#log("error", "MQTT subscribe failed", { filter: ALL_ORGS_FILTER, error: error.message });
        return;
      }
      this.#ready();
    });
  }

  #ready(): void {
    this.#onReady?.();
    this.#onReady = null;
  }

  #send({ publication, id, delivery }: Tracked): void {
    this.#inFlight += 1;
    // Once handed over, a QoS 1 packet sits in MQTT.js' outgoing store until PUBACK and is resent after
    // a reconnect [MQTT-4.4.0-1]; the callback fires then.
    this.#client.publish(
      publication.topic,
      publication.payload,
      { qos: publication.qos, retain: publication.retain },
      (error) => {
        if (error)
          this.#log("warn", "MQTT publish failed", { topic: publication.topic, error: error.message });
        this.#inFlight -= 1;
        delivery.settle(error === undefined || error === null || publication.qos === 0);
        this.#settled(id);
      },
    );
  }

  #enqueue(tracked: Tracked): void {
    this.#buffer.push(tracked);
    if (this.#buffer.length > this.#maxBuffered) {
      const dropped = this.#buffer.shift();
      this.#dropped += 1;
      this.#log("warn", "event buffer full while disconnected; dropped the oldest", {
        topic: dropped?.publication.topic,
        dropped: this.#dropped,
      });
      if (dropped) {
        dropped.delivery.settle(dropped.publication.qos === 0);
        this.#settled(dropped.id);
      }
    }
  }

  #drain(): void {
    while (this.#buffer.length > 0 && this.#client.connected) {
      this.#send(this.#buffer.shift() as Tracked);
    }
  }

  #settled(id: number): void {
    this.#pending.delete(id);
    if (this.#flushWaiters.length === 0) return;
    const waiting: FlushWaiter[] = [];
    for (const waiter of this.#flushWaiters) {
      waiter.ids.delete(id);
      if (waiter.ids.size === 0) waiter.resolve();
      else waiting.push(waiter);
    }
    this.#flushWaiters = waiting;
  }
}

/** Connects an EventBus to an external broker: `await createExternalBus({ url: "mqtt://127.0.0.1:1883" })`. */
export function createExternalBus(options: ExternalBrokerOptions): Promise<MqttEventBus> {
  return MqttEventBus.connect(options);
}
