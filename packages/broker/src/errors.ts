import { CodedError } from "@mcp-coordinator/core";

/** Stable codes for everything this package can refuse; hosts map them to messages and exit codes. */
export type BrokerErrorCode =
  | "MQTT_PORT_IN_USE"
  | "MQTT_LISTEN_FAILED"
  | "INVALID_TOPIC"
  | "BUS_CLOSED"
  | "BROKER_UNREACHABLE"
  | "EVENTS_NOT_DELIVERED"
  | "CLUSTER_UNAVAILABLE";

export class BrokerError extends CodedError<BrokerErrorCode> {
  override readonly name = "BrokerError";

  constructor(
    code: BrokerErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    cause?: unknown,
  ) {
    super(code, message, details, cause === undefined ? undefined : { cause });
  }
}

/** The embedded broker's TCP port is taken: say which one and how to pick another. */
export class MqttPortInUseError extends BrokerError {
  readonly port: number;
  readonly host: string;

  constructor(host: string, port: number, cause?: unknown) {
    super(
      "MQTT_PORT_IN_USE",
      `MQTT TCP port ${port} on ${host} is already in use. Stop whatever holds it, or choose another port with --mqtt-port <port> or COORDINATOR_MQTT_TCP_PORT=<port> (0 picks a free one).`,
      { host, port, flag: "--mqtt-port", env: "COORDINATOR_MQTT_TCP_PORT" },
      cause,
    );
    this.port = port;
    this.host = host;
  }
}

export function isBrokerError(value: unknown): value is BrokerError {
  return value instanceof BrokerError;
}
