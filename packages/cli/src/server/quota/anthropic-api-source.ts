import { QuotaReadError, type QuotaReading, type QuotaSource, type QuotaWindow } from "@mcp-coordinator/core";
import { httpFailure, unreachable } from "./http-failure.js";

/** The rate limits the Messages API reports on every answer (`anthropic-ratelimit-<name>-limit|remaining|reset`). */
const LIMITS = ["requests", "tokens", "input-tokens", "output-tokens"] as const;

export interface AnthropicApiSourceOptions {
  readonly apiKey: string;
  readonly baseUrl: string;
  /** The model of the probe request (one output token). */
  readonly model: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly timeoutMs?: number;
}

const WHAT = "the Anthropic Messages API";

/**
 * An API key's organisation rate limits, from the headers of the smallest Messages request (one input
 * word, one output token): the API reports them on every answer, and token counting has limits of its own
 * that would not say how close the key is to its message limits.
 */
export function anthropicApiSource(options: AnthropicApiSourceOptions): QuotaSource {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  return {
    kind: "anthropic_api",
    async read() {
      let response: Response;
      try {
        response = await doFetch(`${options.baseUrl}/v1/messages`, {
          method: "POST",
          headers: {
            "x-api-key": options.apiKey,
            "anthropic-version": "2023-06-01",
            "content-type": "application/json",
          },
          body: JSON.stringify({
            model: options.model,
            max_tokens: 1,
            messages: [{ role: "user", content: "ping" }],
          }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (error) {
        throw unreachable(WHAT, error);
      }
      await response.body?.cancel().catch(() => {});
      if (!response.ok) throw httpFailure(WHAT, response, now());
      return processRateLimitHeaders(response.headers);
    },
  };
}

/** Pure: the rate-limit headers as windows; utilisation is the used share of each limit. */
export function processRateLimitHeaders(headers: Headers): QuotaReading {
  const windows: QuotaWindow[] = [];
  for (const name of LIMITS) {
    const limit = Number(headers.get(`anthropic-ratelimit-${name}-limit`) ?? Number.NaN);
    const remaining = Number(headers.get(`anthropic-ratelimit-${name}-remaining`) ?? Number.NaN);
    if (!Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0) continue;
    const reset = Date.parse(headers.get(`anthropic-ratelimit-${name}-reset`) ?? "");
    windows.push({
      name: name.replace("-", "_"),
      utilizationPct: Math.round(((limit - Math.max(0, remaining)) / limit) * 1000) / 10,
      resetsAt: Number.isNaN(reset) ? null : reset,
      limit,
      remaining,
    });
  }
  if (windows.length === 0) {
    throw new QuotaReadError("QUOTA_UNAVAILABLE", `${WHAT} answered without anthropic-ratelimit-* headers.`);
  }
  return { source: "anthropic_api", windows };
}
