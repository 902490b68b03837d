import { toWire } from "@mcp-coordinator/core/wire";
import { z } from "zod";
import { parse, type RestHandler } from "./rest-context.js";

const refreshBody = z.strictObject({});

/**
 * The Anthropic quota pre-flight over REST: what `coordinator_status.quota` shows, and a manual refresh
 * (the dashboard's button). Members of other orgs see a disabled quota: it is this host's, not theirs.
 */
export const QUOTA_ROUTES: Readonly<Record<string, RestHandler>> = {
  "GET /api/quota": async (ctx) => toWire(ctx.coordinator.quotaStatus({ orgId: ctx.principal.orgId })),
  "POST /api/quota/refresh": async (ctx) => {
    await parse(ctx, refreshBody);
    return toWire(
      await ctx.coordinator.refreshQuota({ orgId: ctx.principal.orgId, userId: ctx.principal.userId }),
    );
  },
};
