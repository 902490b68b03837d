export type { WireEvent, WireEventType } from "@mcp-coordinator/core/wire";
export { orgFilter, orgRoot, TOPIC_ROOT, topicLevel } from "@mcp-coordinator/core/wire";
export type { BackoffOptions } from "../events/backoff.js";
export type { AgentSubscriber, AgentSubscriberOptions } from "./agent-subscriber.js";
export { createAgentSubscriber } from "./agent-subscriber.js";
