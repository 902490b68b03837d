export type { AgentWill } from "./agent-will.js";
export type { ExternalBrokerOptions } from "./mqtt-event-bus.js";
export { createExternalBus, MqttEventBus } from "./mqtt-event-bus.js";
export type { ReconnectBackoffOptions } from "./reconnect-backoff.js";
