import { CoordinatorError } from "@mcp-coordinator/core";
import { toWire } from "@mcp-coordinator/core/wire";
import { HOOK_ROUTES } from "./hook-routes.js";
import { QUOTA_ROUTES } from "./quota-routes.js";
import { actor, checkSelf, headerAgentId, ownedAgent, parse, type RestHandler } from "./rest-context.js";
import {
  ackBody,
  announceBody,
  checkConflictBody,
  claimFilesBody,
  fileActivityBody,
  heartbeatBody,
  registerBody,
  releaseFilesBody,
} from "./rest-schemas.js";

export { AGENT_ID_HEADER, type RestContext } from "./rest-context.js";

/**
 * REST endpoints for hooks and agents that do not speak MCP. Each one validates its body, maps it onto
 * one coordinator use case and answers snake_case JSON.
 */
export const REST_ROUTES: Readonly<Record<string, RestHandler>> = {
  ...HOOK_ROUTES,
  ...QUOTA_ROUTES,
  "POST /api/agents/register": async (ctx) => {
    const body = await parse(ctx, registerBody);
    const agentId = body.agent_id ?? headerAgentId(ctx.req) ?? ctx.principal.agentId ?? undefined;
    if (agentId !== undefined) checkSelf(ctx, agentId);
    const result = await ctx.coordinator.registerAgent(
      { orgId: ctx.principal.orgId, userId: ctx.principal.userId },
      {
        name: body.name,
        ...(agentId === undefined ? {} : { agentId }),
        ...(body.modules ? { modules: body.modules } : {}),
        ...(body.metadata ? { metadata: body.metadata } : {}),
      },
    );
    return { agent_id: result.agent.id, reattached: result.reattached, agent: toWire(result.agent) };
  },
  "GET /api/agents": async (ctx) => {
    const includeOffline = ctx.url.searchParams.get("include_offline") === "true";
    return {
      agents: toWire(await ctx.coordinator.listAgents({ orgId: ctx.principal.orgId }, { includeOffline })),
    };
  },
  "POST /api/agents/heartbeat": async (ctx) => {
    const body = await parse(ctx, heartbeatBody);
    const view = await ctx.coordinator.heartbeat(actor(ctx, body.agent_id), {
      ...(body.current_file === undefined ? {} : { currentFile: body.current_file }),
      ...(body.waiting_on_thread_id === undefined ? {} : { waitingOnThreadId: body.waiting_on_thread_id }),
    });
    return toWire(view);
  },
  "POST /api/files/activity": async (ctx) => {
    const body = await parse(ctx, fileActivityBody);
    const activity = await ctx.coordinator.recordFileActivity(actor(ctx, body.agent_id), {
      path: body.path,
      ...(body.action ? { action: body.action } : {}),
    });
    return { activity: toWire(activity) };
  },
  "POST /api/files/claims": async (ctx) => {
    const body = await parse(ctx, claimFilesBody);
    const claims = await ctx.coordinator.claimWorkingFiles(actor(ctx, body.agent_id), {
      paths: body.paths,
      ...(body.ttl_minutes === undefined ? {} : { ttlMs: body.ttl_minutes * 60_000 }),
    });
    return { claims: toWire(claims) };
  },
  "POST /api/files/release": async (ctx) => {
    const body = await parse(ctx, releaseFilesBody);
    const released = await ctx.coordinator.releaseWorkingFiles(
      actor(ctx, body.agent_id),
      body.paths ? { paths: body.paths } : {},
    );
    return { released };
  },
  "POST /api/files/check": async (ctx) => {
    const body = await parse(ctx, checkConflictBody);
    const result = await ctx.coordinator.checkFileConflict(await ownedAgent(ctx, body.agent_id), {
      path: body.path,
      ...(body.window_seconds === undefined ? {} : { windowMs: body.window_seconds * 1000 }),
    });
    return toWire(result);
  },
  "POST /api/announce": async (ctx) => {
    const body = await parse(ctx, announceBody);
    const result = await ctx.coordinator.announceWork(actor(ctx, body.agent_id), {
      subject: body.subject,
      ...(body.plan === undefined ? {} : { plan: body.plan }),
      ...(body.target_files ? { targetFiles: body.target_files } : {}),
      ...(body.depends_on_files ? { dependsOnFiles: body.depends_on_files } : {}),
      ...(body.target_modules ? { targetModules: body.target_modules } : {}),
      ...(body.exports_affected ? { exportsAffected: body.exports_affected } : {}),
      ...(body.target_symbols ? { targetSymbols: body.target_symbols } : {}),
      ...(body.assigned_to === undefined ? {} : { assignedTo: body.assigned_to }),
    });
    return toWire(result);
  },
  "GET /api/status": async (ctx) =>
    toWire(await ctx.coordinator.coordinatorStatus({ orgId: ctx.principal.orgId })),
  "GET /api/inbox": async (ctx) => {
    const ack = ctx.url.searchParams.get("ack") !== "false";
    const limitParam = ctx.url.searchParams.get("limit");
    const limit = limitParam === null ? undefined : Number(limitParam);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 200)) {
      throw new CoordinatorError("VALIDATION_FAILED", "limit must be an integer from 1 to 200.", {
        field: "limit",
      });
    }
    const items = await ctx.coordinator.getQueuedMessages(actor(ctx, undefined), {
      ack,
      ...(limit === undefined ? {} : { limit }),
    });
    return { items: toWire(items) };
  },
  "POST /api/inbox/ack": async (ctx) => {
    const body = await parse(ctx, ackBody);
    return { acked: await ctx.coordinator.ackMessages(actor(ctx, body.agent_id), { ids: body.ids }) };
  },
};
