// Test support for the end-to-end suites. Private: imported from test files only, as TypeScript source.

export { AGENT_CLIS, type AgentCli, installAgentCli } from "./agent-clis.js";
export { bearerTestIdentity } from "./bearer-identity.js";
export { claudeCodeEnv, installClaudeCode } from "./claude-code-cli.js";
export { corruptSqliteTable } from "./corrupt-sqlite.js";
export { startFakeChatCompletionsApi } from "./fake-chat-completions-api.js";
export { startFakeGeminiApi } from "./fake-gemini-api.js";
export {
  type ContentBlock,
  type MessagesRequest,
  type PlannedStep,
  type ScriptStep,
  type ScriptUsage,
  startFakeMessagesApi,
} from "./fake-messages-api.js";
export { onceToolOffered, startFakeResponsesApi } from "./fake-responses-api.js";
export { startLogScan } from "./log-scan/global-setup.js";
export { findLeaks, type LeakFinding, scanTestLogs } from "./log-scan/scan-test-logs.js";
export { rememberLogDir, rememberSecret, testLogDir } from "./log-scan/test-log-dir.js";
export { testCoordinatorLog, testLogger } from "./log-scan/test-logger.js";
export { MosquittoProcess } from "./mosquitto.js";
export { freePort, waitForPort } from "./ports.js";
export { type ModelProtocol, type ScriptedModelApi, startScriptedModelApi } from "./scripted-model-api.js";
export { CACHE_DIR, ensureNpmPackage, run } from "./tool-cache.js";
export { sleep, waitFor } from "./wait.js";
