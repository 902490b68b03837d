/** Where the broker listens, as the coordinator's own /health reports it (absent on older servers). */
export interface HealthMqtt {
  readonly tcp_port: number | null;
  readonly ws_path: string | null;
  readonly external: boolean;
}

export interface MqttTargetInput {
  /** `--mqtt-port`, when given. */
  readonly flagPort: number | undefined;
  /** The coordinator answered on its HTTP port. */
  readonly serverUp: boolean;
  /** /health's `mqtt`, or null when /health did not say (an older server, or it failed). */
  readonly health: HealthMqtt | null;
  /** Without /health: the port the instance file or config names, and whether it serves WebSocket only. */
  readonly fallbackPort: number;
  readonly fallbackWsOnly: boolean;
  readonly host: string;
  /** `http(s)://host:port` of the coordinator. */
  readonly base: string;
  readonly tls: boolean;
  readonly wsPath: string;
}

export type MqttTarget =
  | { readonly probe: true; readonly url: string; readonly hint: string }
  | { readonly probe: false; readonly ok: boolean; readonly detail: string; readonly hint?: string };

/**
 * What `doctor` should probe for MQTT. The broker it checks must be the coordinator's: a system
 * Mosquitto on 1883 accepts any CONNECT, so probing a default port when the coordinator is down (or
 * listens elsewhere) would report a broker that is not ours as healthy.
 */
export function mqttTarget(input: MqttTargetInput): MqttTarget {
  const tcpUrl = (port: number) =>
    `${input.tls ? "mqtts" : "mqtt"}://${input.host.includes(":") ? `[${input.host}]` : input.host}:${port}`;
  const wsUrl = (path: string) =>
    `${input.tls ? "wss" : "ws"}://${input.base.replace(/^https?:\/\//, "")}${path}`;
  const health = input.health;

  if (input.flagPort !== undefined) {
    if (health && !health.external && health.tcp_port !== input.flagPort) {
      return {
        probe: false,
        ok: false,
        detail: `--mqtt-port ${input.flagPort} is not this coordinator's broker (its /health says ${
          health.tcp_port === null
            ? `WebSocket only at ${wsUrl(health.ws_path ?? input.wsPath)}`
            : `TCP ${health.tcp_port}`
        }); whatever answers there is another program`,
        hint: "drop --mqtt-port to check the coordinator's own broker",
      };
    }
    return { probe: true, url: tcpUrl(input.flagPort), hint: `is a broker listening on ${input.flagPort}?` };
  }
  if (!input.serverUp) {
    return {
      probe: false,
      ok: false,
      detail:
        "skipped: the coordinator is not reachable, so a broker answering on its default port would not be its own",
    };
  }
  if (health) {
    if (health.external) {
      return {
        probe: false,
        ok: true,
        detail: "external broker (its connection is checked by /health/ready)",
      };
    }
    if (health.tcp_port !== null) {
      return {
        probe: true,
        url: tcpUrl(health.tcp_port),
        hint: "the coordinator's broker did not accept; see /health/ready",
      };
    }
    if (health.ws_path !== null) {
      return {
        probe: true,
        url: wsUrl(health.ws_path),
        hint: "MQTT over WebSocket failed; see /health warnings",
      };
    }
    return {
      probe: false,
      ok: false,
      detail: "the coordinator reports no MQTT listener",
      hint: "see /health warnings",
    };
  }
  return input.fallbackWsOnly
    ? { probe: true, url: wsUrl(input.wsPath), hint: "MQTT over WebSocket failed; see /health warnings" }
    : {
        probe: true,
        url: tcpUrl(input.fallbackPort),
        hint: `check --mqtt-port / COORDINATOR_MQTT_TCP_PORT (tried ${input.fallbackPort}); is another broker holding the port?`,
      };
}
