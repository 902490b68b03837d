import type { IncomingMessage } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import type {
  EventBus,
  EventHandler,
  Principal,
  SequencedEvent,
  SubscribeOptions,
} from "@mcp-coordinator/core";
import { OPEN_PRINCIPAL } from "@mcp-coordinator/core";
import { ALL_ORGS_FILTER } from "@mcp-coordinator/core/wire";
import { Aedes, type AedesPublishPacket, type Client } from "aedes";
import { createWebSocketStream, WebSocketServer } from "ws";
import { LocalFanout } from "../bus/local-fanout.js";
import { PublicationCodec } from "../bus/outbound-planner.js";
import { BrokerError, MqttPortInUseError } from "../errors.js";
import { type BrokerLog, silentLog } from "../log.js";
import {
  type BrokerAccess,
  type CredentialRegistry,
  createAccessHooks,
  type PrincipalRegistry,
} from "./access-hooks.js";
import { guardPacketSize } from "./packet-size-guard.js";
import { createClusterBackends, type RedisClusterOptions } from "./redis-cluster.js";

/**
 * A client left. The composition root marks `principal.agentId` offline — never `clientId`, which any
 * client chooses for itself (MQTT 3.1.1 §3.1.3.1), so it proves nothing.
 */
export interface ClientGone {
  readonly clientId: string;
  /** Who the connection was identified as; open mode: OPEN_PRINCIPAL (no agent). */
  readonly principal: Principal;
  /** False when the connection was lost without DISCONNECT: the client's will was published. */
  readonly graceful: boolean;
}

export interface EmbeddedBrokerOptions {
  /** TCP bind address. Default 127.0.0.1: the LAN is opt-in. */
  readonly host?: string;
  /** TCP port; 0 picks a free one (see `tcpPort`); false runs without TCP (WebSocket only). Default 1883. */
  readonly port?: number | false;
  /** Largest MQTT packet a client may send, in bytes. Default 256 KiB. */
  readonly maxPacketSize?: number;
  /** Path served by `handleUpgrade`. Default `/mqtt`. */
  readonly wsPath?: string;
  /**
   * Who clients are and what topics they may touch. Absent: open mode (openIdentity: every client is the
   * anonymous OPEN_PRINCIPAL). Either way only the coordinator speaks under `coordinator/` (isTopicInScope).
   */
  readonly access?: BrokerAccess;
  readonly onClientGone?: (gone: ClientGone) => void;
  /** Share the MQTT space with other coordinator processes through Redis. */
  readonly cluster?: RedisClusterOptions;
  readonly log?: BrokerLog;
  /** Aedes broker id (defaults to a random UUID). */
  readonly id?: string;
  /**
   * A client whose socket stays full this long is disconnected. Publishing waits for every client's
   * socket, so one frozen subscriber would otherwise stall every coordinator call (Aedes waits 60 s).
   * Default 2,000 ms.
   */
  readonly drainTimeoutMs?: number;
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 2_000;

export const DEFAULT_MAX_PACKET_SIZE = 256 * 1024;

/**
 * The default EventBus: an in-process Aedes broker. The host owns the sockets it does not open itself:
 * it calls `handleUpgrade` from its HTTP server's `upgrade` event for MQTT over WebSocket.
 */
export class AedesEventBus implements EventBus {
  readonly #aedes: Aedes;
  readonly #fanout: LocalFanout;
  readonly #codec: PublicationCodec;
  readonly #log: BrokerLog;
  readonly #maxPacketSize: number;
  readonly #wsPath: string;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #onRemote: (packet: AedesPublishPacket, done: () => void) => void;
  readonly #destroyPersistence: (() => Promise<void>) | null;
  #principals: PrincipalRegistry = new WeakMap();
  #credentials: CredentialRegistry = new WeakMap();
  #server: Server | null = null;
  #tcpPort: number | null = null;
  #closing: Promise<void> | null = null;

  private constructor(
    aedes: Aedes,
    options: EmbeddedBrokerOptions,
    destroyPersistence: (() => Promise<void>) | null,
  ) {
    this.#aedes = aedes;
    this.#log = options.log ?? silentLog;
    this.#fanout = new LocalFanout(this.#log);
    this.#codec = new PublicationCodec(this.#log);
    this.#maxPacketSize = options.maxPacketSize ?? DEFAULT_MAX_PACKET_SIZE;
    this.#wsPath = options.wsPath ?? "/mqtt";
    this.#destroyPersistence = destroyPersistence;
    // Events published by another coordinator process of the cluster arrive through the shared emitter.
    // Own publications were delivered locally already; a client's publications are not coordinator events.
    this.#onRemote = (packet, done) => {
      // Aedes stamps `clientId` on what a connected client published (aedes.js, PublishState).
      const fromClient = (packet as AedesPublishPacket & { clientId?: string }).clientId !== undefined;
      if (packet.brokerId !== aedes.id && !fromClient) {
        const event = this.#codec.read(packet.topic, packet.payload as Buffer, false);
        if (event !== null) this.#fanout.deliver(event);
      }
      done();
    };
  }

  /** Starts the broker (and its TCP listener unless `port: false`). */
  static async create(options: EmbeddedBrokerOptions = {}): Promise<AedesEventBus> {
    const log = options.log ?? silentLog;
    const principals: PrincipalRegistry = new WeakMap();
    const credentials: CredentialRegistry = new WeakMap();
    const backends = options.cluster ? await createClusterBackends(options.cluster) : null;
    const aedes = new Aedes({
      drainTimeout: options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS,
      ...(options.id ? { id: options.id } : {}),
      ...(backends ? { mq: backends.mq, persistence: backends.persistence } : {}),
      ...createAccessHooks(options.access, principals, log, credentials),
    });
    await aedes.listen();
    const bus = new AedesEventBus(aedes, options, backends ? () => backends.persistence.destroy() : null);
    bus.#principals = principals;
    bus.#credentials = credentials;
    await new Promise<void>((resolve) => aedes.subscribe(ALL_ORGS_FILTER, bus.#onRemote, resolve));
    aedes.on("clientDisconnect", (client: Client) => {
      const graceful = (client as Client & { _disconnected?: boolean })._disconnected === true;
      const principal = principals.get(client) ?? OPEN_PRINCIPAL;
      try {
        options.onClientGone?.({ clientId: client.id, principal, graceful });
      } catch (error) {
        log("error", "onClientGone threw", { clientId: client.id, error: String(error) });
      }
    });
    aedes.on("clientError", (client: Client, error: Error) =>
      log("debug", "MQTT client error", { clientId: client.id, error: error.message }),
    );
    if (options.port !== false) {
      try {
        await bus.#listenTcp(options.host ?? "127.0.0.1", options.port ?? 1883);
      } catch (error) {
        await bus.close();
        throw error;
      }
    }
    return bus;
  }

  /** The bound TCP port (the real one when 0 was asked), or null without TCP. */
  get tcpPort(): number | null {
    return this.#tcpPort;
  }

  /** Clients currently connected over TCP or WebSocket. */
  get connectedClients(): number {
    return this.#aedes.connectedClients;
  }

  /**
   * Closes every connected client `match` selects, by who it is and what it presented as its CONNECT
   * password: how a revoked token or a removed member loses its live MQTT connections. Returns how many.
   */
  disconnectClients(match: (principal: Principal, credential: string | null) => boolean): number {
    let closed = 0;
    const clients = (this.#aedes as Aedes & { clients: Record<string, Client> }).clients;
    for (const client of Object.values(clients)) {
      const principal = this.#principals.get(client);
      if (principal === undefined || !match(principal, this.#credentials.get(client) ?? null)) continue;
      client.close();
      closed += 1;
    }
    return closed;
  }

  /** Hands one MQTT connection (any duplex stream) to the broker, with the packet size cap applied. */
  handleConnection(stream: Duplex, request?: IncomingMessage): void {
    const guarded = guardPacketSize(stream, this.#maxPacketSize, (size) =>
      this.#log("warn", "MQTT packet over the size cap; connection closed", {
        size,
        max: this.#maxPacketSize,
      }),
    );
    this.#aedes.handle(guarded, request);
  }

  /**
   * For the host's HTTP server `upgrade` event: takes over WebSocket requests on the MQTT path and
   * returns true; returns false (leaving the socket alone) for any other path.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path !== this.#wsPath || this.#closing !== null) return false;
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      this.handleConnection(createWebSocketStream(ws), request);
    });
    return true;
  }

  async publish(events: readonly SequencedEvent[]): Promise<void> {
    if (this.#closing !== null) throw new BrokerError("BUS_CLOSED", "publish on a closed event bus.");
    for (const event of events) this.#fanout.deliver(event);
    // One at a time: a retained publication is stored before it is emitted, and must not be overtaken.
    for (const publication of this.#codec.plan(events)) {
      await new Promise<void>((resolve) => {
        this.#aedes.publish({ cmd: "publish", dup: false, ...publication }, (error) => {
          if (error)
            this.#log("error", "MQTT publish failed", { topic: publication.topic, error: error.message });
          resolve();
        });
      });
    }
  }

  subscribe(handler: EventHandler, options?: SubscribeOptions): () => void {
    return this.#fanout.add(handler, options);
  }

  /** Stops accepting connections, disconnects clients, closes the emitter and persistence. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    this.#fanout.clear();
    const server = this.#server;
    const closedServer = server
      ? new Promise<void>((resolve) => server.close(() => resolve()))
      : Promise.resolve();
    for (const ws of this.#wss.clients) ws.terminate();
    this.#wss.close();
    await new Promise<void>((resolve) => this.#aedes.unsubscribe(ALL_ORGS_FILTER, this.#onRemote, resolve));
    await new Promise<void>((resolve) => this.#aedes.close(() => resolve()));
    await closedServer;
    await this.#destroyPersistence?.();
  }

  async #listenTcp(host: string, port: number): Promise<void> {
    const server = createServer({ noDelay: true }, (socket: Socket) => this.handleConnection(socket));
    await new Promise<void>((resolve, reject) => {
      server.once("error", (error: NodeJS.ErrnoException) => {
        reject(
          error.code === "EADDRINUSE"
            ? new MqttPortInUseError(host, port, error)
            : new BrokerError(
                "MQTT_LISTEN_FAILED",
                `MQTT TCP listener on ${host}:${port} failed: ${error.message}`,
                { host, port },
                error,
              ),
        );
      });
      server.listen(port, host, () => resolve());
    });
    this.#server = server;
    const address = server.address();
    this.#tcpPort = typeof address === "object" && address !== null ? address.port : port;
  }
}

/** Starts an embedded broker: `const bus = await createEmbeddedBroker({ port: 0 })`. */
export function createEmbeddedBroker(options?: EmbeddedBrokerOptions): Promise<AedesEventBus> {
  return AedesEventBus.create(options);
}
