export { MqttPortInUseError } from "../errors.js";
export { type BrokerAccess, openTopics } from "./access-hooks.js";
export type { ClientGone, EmbeddedBrokerOptions } from "./aedes-event-bus.js";
export { AedesEventBus, createEmbeddedBroker, DEFAULT_MAX_PACKET_SIZE } from "./aedes-event-bus.js";
export type { RedisClusterOptions } from "./redis-cluster.js";
