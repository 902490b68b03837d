// Public surface of @mcp-coordinator/mcp-server. Named exports only.
export {
  type BrowserPolicy,
  type BrowserPolicyOptions,
  type BrowserRefusal,
  type BrowserRequest,
  checkBrowserRequest,
  createBrowserPolicy,
  isJson,
  LOOPBACK_HOSTS,
} from "./browser-guard.js";
export type { ToolCallObserver, ToolCallRecord, ToolLogger } from "./call-tool.js";
export {
  createMcpHandler,
  type McpHandler,
  type McpHandlerOptions,
  type SessionCaller,
  type SessionInfo,
} from "./create-mcp-handler.js";
export {
  createSessionServer,
  type SessionServer,
  type SessionServerOptions,
} from "./create-session-server.js";
export {
  defineTool,
  READ_ONLY,
  type ToolContext,
  type ToolDefinition,
  type ToolOutcome,
  writes,
} from "./define-tool.js";
export { BoundedEventStore, type BoundedEventStoreOptions } from "./event-store.js";
export { instructionsFor, SERVER_INSTRUCTIONS } from "./instructions.js";
export { isToolProfile, PROFILES, type ToolProfile, toolsOf } from "./profiles.js";
export { inboxUri, STATUS_URI, threadUri } from "./resources.js";
export { SessionIdentity } from "./session-identity.js";
export { listTools } from "./tool-listing.js";
export { SERVER_NAME, SERVER_VERSION } from "./version.js";
