export type { WireEvent, WireEventType } from "@mcp-coordinator/core/wire";
export type { AgentSubscriber, AgentSubscriberOptions } from "./agent-subscriber.js";
export { createAgentSubscriber } from "./agent-subscriber.js";
