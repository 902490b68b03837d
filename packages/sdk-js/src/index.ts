export type { WireEvent, WireEventType } from "@mcp-coordinator/core/wire";
export type { ClientOptions, CoordinatorClient } from "./client.js";
export { createClient } from "./client.js";
export type { ClientErrorCode, CoordinatorClientErrorInit } from "./errors.js";
export {
  AuthenticationError,
  BrowserLoginError,
  ConflictError,
  CoordinatorClientError,
  DeviceLoginError,
  InvalidRequestError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TokenError,
  ToolCallError,
} from "./errors.js";
export type { BackoffOptions } from "./events/backoff.js";
export type { EventStream, EventsOptions } from "./events/event-stream.js";
export type { HookApi } from "./hook-api.js";
export { AGENT_ID_HEADER } from "./http/transport.js";
export type { ToolArguments } from "./mcp/tool-session.js";
export { MCP_PROTOCOL_VERSION } from "./mcp/tool-session.js";
export type { AuthorizationRequest } from "./oauth/authorization-code.js";
export {
  createAuthorizationRequest,
  parseAuthorizationCallback,
  redeemAuthorizationCode,
  registerBrowserClient,
} from "./oauth/authorization-code.js";
export type { DeviceLogin, DeviceLoginOptions } from "./oauth/device-login.js";
export { startDeviceLogin } from "./oauth/device-login.js";
export { oauthRefresher } from "./oauth/oauth-refresher.js";
export type { CallOptions, RestApi } from "./rest-api.js";
export type { Refresher, RefreshLock, TokenManager, TokenManagerOptions } from "./tokens/token-manager.js";
export { createProcessLock, createTokenManager } from "./tokens/token-manager.js";
export type { StoredToken, TokenProvider, TokenStore } from "./tokens/token-store.js";
export { MemoryTokenStore } from "./tokens/token-store.js";
