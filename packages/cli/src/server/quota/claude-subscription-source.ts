import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { QuotaReadError, type QuotaReading, type QuotaSource, type QuotaWindow } from "@mcp-coordinator/core";
import { z } from "zod";
import { httpFailure, unreachable } from "./http-failure.js";

/**
 * Claude Code's login on Linux: `$CLAUDE_CONFIG_DIR/.credentials.json` (default `~/.claude`), holding the
 * OAuth access token of the developer's subscription under `claudeAiOauth`.
 */
const credentialsFile = z.object({
  claudeAiOauth: z.object({
    accessToken: z.string().min(1),
    expiresAt: z.number().optional(),
  }),
});

/**
 * The usage endpoint Claude Code's `/usage` reads: one entry per window (`five_hour`, `seven_day`,
 * `seven_day_opus`, …), null when the plan has no such window. Other keys (extra usage and the like) are
 * not windows and are skipped.
 */
const usageWindow = z.object({ utilization: z.number(), resets_at: z.string().nullable().optional() });
const usageResponse = z.record(z.string(), z.unknown());

export interface ClaudeSubscriptionSourceOptions {
  /** Directory holding `.credentials.json`; default `$CLAUDE_CONFIG_DIR` or `~/.claude`. */
  readonly configDir?: string;
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly timeoutMs?: number;
}

const WHAT = "the Claude usage endpoint";

/**
 * Reads the subscription's usage windows with the developer's own Claude Code login. The token is never
 * refreshed here: refreshing rotates the refresh token and would sign Claude Code itself out, so an
 * expired token is reported ("run claude once") instead.
 */
export function claudeSubscriptionSource(options: ClaudeSubscriptionSourceOptions): QuotaSource {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const file = join(options.configDir ?? join(homedir(), ".claude"), ".credentials.json");
  return {
    kind: "claude_subscription",
    async read() {
      const token = await readAccessToken(file, now());
      let response: Response;
      try {
        response = await doFetch(`${options.baseUrl}/api/oauth/usage`, {
          headers: {
            authorization: `Bearer ${token}`,
            "anthropic-beta": "oauth-2025-04-20",
            accept: "application/json",
          },
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw unreachable(WHAT, error);
      }
      if (!response.ok) throw httpFailure(WHAT, response, now());
      return processUsageResponse(await response.json().catch(() => null));
    },
  };
}

async function readAccessToken(file: string, now: number): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new QuotaReadError(
      "QUOTA_CREDENTIALS",
      `No Claude Code login at ${file}: run \`claude\` and log in with your subscription (or set CLAUDE_CONFIG_DIR).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = credentialsFile.safeParse(json);
  if (!parsed.success) {
    throw new QuotaReadError(
      "QUOTA_CREDENTIALS",
      `${file} holds no claudeAiOauth.accessToken: log in to Claude Code with a subscription (an API-key login has no usage windows; use COORDINATOR_QUOTA_SOURCE=api).`,
    );
  }
  const { accessToken, expiresAt } = parsed.data.claudeAiOauth;
  if (expiresAt !== undefined && expiresAt <= now) {
    throw new QuotaReadError(
      "QUOTA_CREDENTIALS",
      "The Claude Code login has expired: run `claude` once to renew it (the coordinator does not refresh it, which would sign Claude Code out).",
    );
  }
  return accessToken;
}

/** Pure: the usage answer as windows, in percent. */
export function processUsageResponse(body: unknown): QuotaReading {
  const parsed = usageResponse.safeParse(body);
  if (!parsed.success) {
    throw new QuotaReadError("QUOTA_UNAVAILABLE", `${WHAT} answered something that is not a JSON object.`);
  }
  const windows: QuotaWindow[] = [];
  for (const [name, value] of Object.entries(parsed.data)) {
    const window = usageWindow.safeParse(value);
    if (!window.success) continue;
    const resetsAt = window.data.resets_at ? Date.parse(window.data.resets_at) : Number.NaN;
    windows.push({
      name,
      utilizationPct: window.data.utilization,
      resetsAt: Number.isNaN(resetsAt) ? null : resetsAt,
      limit: null,
      remaining: null,
    });
  }
  if (windows.length === 0) {
    throw new QuotaReadError("QUOTA_UNAVAILABLE", `${WHAT} answered no usage window.`);
  }
  return { source: "claude_subscription", windows };
}
