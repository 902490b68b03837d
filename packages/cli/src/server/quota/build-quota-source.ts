import type { QuotaSource } from "@mcp-coordinator/core";
import type { ServerConfig } from "../config/resolve-config.js";
import { StartupError } from "../startup-error.js";
import { anthropicApiSource } from "./anthropic-api-source.js";
import { claudeSubscriptionSource } from "./claude-subscription-source.js";

/** The QuotaSource the settings ask for; null when the pre-flight is off. */
export function buildQuotaSource(
  config: ServerConfig,
  env: Readonly<Record<string, string | undefined>>,
): QuotaSource | null {
  const { source, baseUrl, probeModel } = config.quota;
  if (source === "off") return null;
  if (source === "claude") {
    const configDir = env.CLAUDE_CONFIG_DIR?.trim();
    return claudeSubscriptionSource({ baseUrl, ...(configDir ? { configDir } : {}) });
  }
  const apiKey = env.ANTHROPIC_API_KEY?.trim() ?? "";
  if (apiKey === "") {
    throw new StartupError(
      "QUOTA_NO_API_KEY",
      "COORDINATOR_QUOTA_SOURCE=api reads ANTHROPIC_API_KEY's rate limits, but ANTHROPIC_API_KEY is not set: set it in the server's environment, or use COORDINATOR_QUOTA_SOURCE=claude for a subscription.",
    );
  }
  return anthropicApiSource({ apiKey, baseUrl, model: probeModel });
}
