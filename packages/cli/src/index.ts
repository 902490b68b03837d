// Public surface of mcp-coordinator: startServer and what an embedder needs around it.

export type { AuthStack } from "./server/auth/compose-auth.js";
export { type GitCoChangeOptions, GitCoChangeSource } from "./server/co-change/git-co-change-source.js";
export {
  type ComposeOptions,
  type CoordinatorStack,
  composeCoordinator,
} from "./server/compose/compose-coordinator.js";
export { ConfigError } from "./server/config/config-error.js";
export type { ServerConfig } from "./server/config/resolve-config.js";
export type { McpRequestHandler } from "./server/http/create-request-handler.js";
export { AGENT_ID_HEADER } from "./server/http/routes/rest-routes.js";
export { type CoordinatorServer, type StartServerOptions, startServer } from "./server/start-server.js";
export { StartupError, type StartupErrorCode } from "./server/startup-error.js";
export { VERSION } from "./version.js";
