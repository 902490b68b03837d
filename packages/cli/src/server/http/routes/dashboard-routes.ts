import {
  type Actor,
  actorFromPrincipal,
  CoordinatorError,
  OPEN_PRINCIPAL,
  type Principal,
  type ThreadChangeResult,
} from "@mcp-coordinator/core";
import { proseString, proseText } from "@mcp-coordinator/core/wire";
import { z } from "zod";
import { readJsonBody } from "../read-json-body.js";
import { dashboardSnapshot, threadJson } from "./dashboard-snapshot.js";
import type { RestContext } from "./rest-routes.js";

type Handler = (ctx: RestContext, threadId: string) => Promise<unknown>;

const operatorName = z
  .string()
  .trim()
  .regex(/^[\w.@-]{1,64}$/, "letters, digits, '.', '@', '-' or '_', at most 64");
const postBody = z.object({
  operator: operatorName.optional(),
  type: z.enum(["context", "warning", "question", "answer"]).default("context"),
  content: proseText(10_000),
});
const approveBody = z.object({ operator: operatorName.optional() });
const contestBody = z.object({
  operator: operatorName.optional(),
  reason: proseText(2_000),
});
const cancelBody = z.object({
  operator: operatorName.optional(),
  reason: proseString(2_000).optional(),
});

/**
 * What the dashboard needs beyond the agents' REST surface: the snapshot it starts from, one thread with
 * its messages, and the operator's moves on a thread (post, approve, contest, cancel). Moves go through
 * the same core use cases as the agents' tools, with the actor `operator:<name>` in role "operator", so
 * they are recorded and published like any other event.
 */
export function matchDashboardRoute(
  method: string,
  path: string,
): ((ctx: RestContext) => Promise<unknown>) | null {
  if (method === "GET" && path === "/api/snapshot") {
    return (ctx) => dashboardSnapshot(ctx.coordinator, ctx.principal);
  }
  const match = /^\/api\/threads\/([^/]+)(?:\/(messages|approve|contest|cancel))?$/.exec(path);
  if (!match) return null;
  const threadId = decodeURIComponent(match[1] ?? "");
  const action = match[2];
  const handler = action === undefined ? (method === "GET" ? getThread : null) : ACTIONS[action];
  if (!handler || (action !== undefined && method !== "POST")) return null;
  return (ctx) => handler(ctx, threadId);
}

/** True when `path` is one of these routes, for a 405 instead of a 404 on the wrong method. */
export function isDashboardPath(path: string): boolean {
  return (
    path === "/api/snapshot" || /^\/api\/threads\/[^/]+(\/(messages|approve|contest|cancel))?$/.test(path)
  );
}

const getThread: Handler = async (ctx, threadId) => {
  const view = await ctx.coordinator.getThread({ orgId: ctx.principal.orgId }, { threadId });
  return { thread: threadJson(view) };
};

const ACTIONS: Readonly<Record<string, Handler>> = {
  messages: async (ctx, threadId) => {
    const body = await parse(ctx, postBody);
    return changed(
      await ctx.coordinator.postToThread(operator(ctx.principal, body.operator), {
        threadId,
        type: body.type,
        content: body.content,
      }),
    );
  },
  approve: async (ctx, threadId) => {
    const body = await parse(ctx, approveBody);
    return changed(
      await ctx.coordinator.approveResolution(operator(ctx.principal, body.operator), { threadId }),
    );
  },
  contest: async (ctx, threadId) => {
    const body = await parse(ctx, contestBody);
    return changed(
      await ctx.coordinator.contestResolution(operator(ctx.principal, body.operator), {
        threadId,
        reason: body.reason,
      }),
    );
  },
  cancel: async (ctx, threadId) => {
    const body = await parse(ctx, cancelBody);
    return changed(
      await ctx.coordinator.cancelThread(operator(ctx.principal, body.operator), {
        threadId,
        ...(body.reason ? { reason: body.reason } : {}),
      }),
    );
  },
};

function changed(result: ThreadChangeResult): unknown {
  return { thread: threadJson({ ...result, messages: null }) };
}

/**
 * The operator actor. Agents' credentials may not act as operators. Events record the principal's user
 * id; the name in `operator:<name>` (what messages and resolutions show) is the signed-in user's id, or
 * in open mode, where every caller is the same local user, the dashboard's self-chosen name.
 */
function operator(principal: Principal, chosen: string | undefined): Actor {
  if (principal.role === "agent") {
    throw new CoordinatorError("FORBIDDEN", "Only an operator or an admin may act from the dashboard.", {
      role: principal.role,
    });
  }
  const name = principal.userId === OPEN_PRINCIPAL.userId ? (chosen ?? "dashboard") : principal.userId;
  return actorFromPrincipal(principal, `operator:${name}`, "operator");
}

async function parse<S extends z.ZodType>(ctx: RestContext, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJsonBody(ctx.req, ctx.maxBodyBytes));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "(body)";
    throw new CoordinatorError("VALIDATION_FAILED", `${field}: ${issue?.message ?? "invalid"}`, { field });
  }
  return parsed.data;
}
