export type { ParseResult } from "@mcp-coordinator/core/wire";
export {
  ALL_ORGS_FILTER,
  isKnownEventType,
  orgFilter,
  orgRoot,
  parseWireEvent,
  TOPIC_ROOT,
  topicLevel,
} from "@mcp-coordinator/core/wire";
export { isTopicInScope } from "./access/org-topic-policy.js";
export type { DecodeResult } from "./codec/event-codec.js";
export { decodeEvent, encodeEvent, fromWireEvent, snakeToCamel } from "./codec/event-codec.js";
export type { BrokerErrorCode } from "./errors.js";
export { BrokerError, isBrokerError, MqttPortInUseError } from "./errors.js";
export type { BrokerLog, BrokerLogLevel } from "./log.js";
export type { QoS, TopicRoute } from "./topics/topic-for.js";
export { QUOTA_UPDATE_PATH, retainedTopicsToClear, TOKEN_USAGE_PATH, topicFor } from "./topics/topic-for.js";
