import { z } from "zod";

/**
 * The Anthropic quota pre-flight as every surface shows it: `coordinator_status.quota`, `GET /api/quota`,
 * `POST /api/quota/refresh`, and (without `enabled`) the `quota.updated` event on MQTT `quota/update` and
 * SSE.
 */

const epochMs = z.number().describe("Epoch milliseconds.");

export const quotaSourceEnum = z.enum(["claude_subscription", "anthropic_api"]);

export const quotaWindowRecord = z.object({
  name: z
    .string()
    .describe(
      "five_hour, seven_day, seven_day_opus, … (subscription) or requests, tokens, input_tokens, output_tokens (API key).",
    ),
  utilization_pct: z.number().describe("Percent of the window used."),
  resets_at: epochMs.nullable(),
  limit: z.number().nullable(),
  remaining: z.number().nullable(),
});

export const quotaRecord = z.object({
  enabled: z.boolean().describe("False when no quota source is configured for your org."),
  source: quotaSourceEnum.nullable(),
  windows: z.array(quotaWindowRecord),
  utilization_pct: z.number().nullable().describe("The fullest window's utilisation; null before a reading."),
  max_pct: z.number().describe("MAX_QUOTA_PCT: at or above it the quota is over the limit."),
  over_limit: z.boolean().describe("True: do not start more agents now."),
  read_at: epochMs.nullable(),
  error: z.string().nullable(),
  backoff_until: epochMs.nullable().describe("No read is made before this instant (after a 429)."),
});

export type QuotaRecord = z.infer<typeof quotaRecord>;
export type QuotaWindowRecord = z.infer<typeof quotaWindowRecord>;
