export type { ExternalBrokerOptions } from "./mqtt-event-bus.js";
export { createExternalBus, MqttEventBus } from "./mqtt-event-bus.js";
export type { ReconnectBackoffOptions } from "./reconnect-backoff.js";
