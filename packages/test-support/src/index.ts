// Test support for the end-to-end suites. Private: imported from test files only, as TypeScript source.
export { bearerTestIdentity } from "./bearer-identity.js";
export { claudeCodeEnv, installClaudeCode } from "./claude-code-cli.js";
export {
  type PlannedStep,
  type ScriptStep,
  type ScriptUsage,
  startFakeMessagesApi,
} from "./fake-messages-api.js";
export { MosquittoProcess } from "./mosquitto.js";
export { freePort, waitForPort } from "./ports.js";
export { CACHE_DIR, ensureNpmPackage, run } from "./tool-cache.js";
export { sleep, waitFor } from "./wait.js";
