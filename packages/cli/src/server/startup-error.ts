import { CodedError } from "@mcp-coordinator/core";

export type StartupErrorCode =
  | "CONFIG_INVALID"
  | "HTTP_PORT_IN_USE"
  | "MQTT_PORT_IN_USE"
  | "LISTEN_FAILED"
  | "DATA_DIR_UNWRITABLE"
  | "STORE_UNAVAILABLE"
  | "MQTT_UNAVAILABLE"
  | "ADAPTER_MISSING"
  | "AUTH_CONFIG_INVALID"
  | "OPEN_ON_NETWORK"
  | "QUOTA_NO_API_KEY";

/** startServer could not start. The message is one line that says what to change; the CLI prints it as is. */
export class StartupError extends CodedError<StartupErrorCode> {
  override readonly name = "StartupError";

  constructor(code: StartupErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, {}, options);
  }
}
