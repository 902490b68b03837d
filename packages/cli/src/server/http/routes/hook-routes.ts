import { type AgentRef, CoordinatorError, type FileConflict } from "@mcp-coordinator/core";
import {
  checkPathsHookInput,
  inboxHookInput,
  postEditHookInput,
  preEditHookInput,
  sessionHookInput,
  type TokenUsageHookAnswer,
  tokenUsageHookInput,
  toWire,
} from "@mcp-coordinator/core/wire";
import { componentLogger } from "../../log/create-logger.js";
import { actor, checkSelf, ownedAgent, parse, type RestContext, type RestHandler } from "./rest-context.js";

/**
 * Endpoints shaped for client hooks and the git guard: one round trip per hook event, registering (or
 * re-attaching) the agent on the way when the coordinator does not know it.
 */
export const HOOK_ROUTES: Readonly<Record<string, RestHandler>> = {
  "POST /api/hooks/session": async (ctx) => {
    const body = await parse(ctx, sessionHookInput);
    checkSelf(ctx, body.agent_id);
    const scope = { orgId: ctx.principal.orgId };
    const registered = await register(ctx, body);
    const [status, threads, digest] = await Promise.all([
      ctx.coordinator.coordinatorStatus(scope),
      ctx.coordinator.listThreads(scope, { agentId: body.agent_id, statuses: ["open", "resolving"] }),
      ctx.coordinator.inboxDigest({ orgId: scope.orgId, agentId: body.agent_id }),
    ]);
    return {
      agent_id: body.agent_id,
      reattached: registered,
      others: status.agents
        .filter((a) => a.agent.id !== body.agent_id)
        .map((a) => ({
          agent_id: a.agent.id,
          name: a.agent.name,
          activity: a.activity,
          current_file: a.agent.currentFile,
        })),
      threads: threads.map((t) => ({
        id: t.id,
        subject: t.subject,
        status: t.status,
        initiator_id: t.initiatorId,
        target_files: t.targetFiles,
      })),
      unread: digest.unread,
      inbox_line: digest.line,
    };
  },
  "POST /api/hooks/session-end": async (ctx) => {
    const body = await parse(ctx, sessionHookInput);
    // Only the agent's owner may end its session (jwt mode): taking an agent offline releases its claims.
    const who = await ownedAgent(ctx, body.agent_id);
    // The session is gone: its claims and announcements must not block anyone (a human committing
    // included) until the heartbeat TTL would notice.
    const offline = await ctx.coordinator.markAgentOffline(
      who.orgId,
      who.agentId,
      `session ended (${body.metadata?.client ?? "hook"})`,
    );
    return { agent_id: body.agent_id, offline };
  },
  "POST /api/hooks/pre-edit": async (ctx) => {
    const body = await parse(ctx, preEditHookInput);
    const who = actor(ctx, body.agent_id);
    // One transaction: of two agents racing for a free file with `if-clear`, only one claims it.
    const decision = await asAgent(ctx, body, () =>
      ctx.coordinator.preEdit(who, {
        path: body.path,
        claim: body.claim,
        ...(body.policy ? { policy: body.policy } : {}),
      }),
    );
    return {
      ...(toWire(decision.conflict) as object),
      claimed: decision.claim !== null,
      names: await namesOf(ctx, decision.conflict),
      inbox_line: decision.inbox.line,
    };
  },
  "POST /api/hooks/post-edit": async (ctx) => {
    const body = await parse(ctx, postEditHookInput);
    const who = actor(ctx, body.agent_id);
    for (const path of body.paths) {
      await asAgent(ctx, body, () =>
        ctx.coordinator.recordFileActivity(who, { path, ...(body.action ? { action: body.action } : {}) }),
      );
    }
    // The hook answers without waiting for the symbol analysis: it runs on every edit and its round trip
    // is held to p99 < 150 ms. What the analysis finds reaches agents through their inboxes: "your input
    // moved" to dependants, a drift that now affects others to the editor, at its next hook.
    if (body.edits !== undefined && body.edits.length > 0) void analyzeEdits(ctx, who, body.edits);
    const digest = await ctx.coordinator.inboxDigest(who);
    return { recorded: body.paths.length, inbox_line: digest.line };
  },
  "POST /api/hooks/inbox": async (ctx) => {
    const body = await parse(ctx, inboxHookInput);
    const who = actor(ctx, body.agent_id);
    const items = await asAgent(ctx, body, () =>
      ctx.coordinator.getQueuedMessages(who, { ack: true, limit: body.limit ?? 20 }),
    );
    return { items: toWire(items) };
  },
  "POST /api/hooks/token-usage": async (ctx) => {
    const body = await parse(ctx, tokenUsageHookInput);
    // Only the agent's owner may report what it spent (jwt mode): nobody inflates another user's agent.
    const who = await ownedAgent(ctx, body.agent_id);
    const byModel = sumByModel(body.turns);
    const log = componentLogger(ctx.log, "tokens");
    for (const [model, counts] of Object.entries(byModel)) {
      log.info(
        { org: who.orgId, agent: who.agentId, session: body.session, model, ...counts },
        "token usage",
      );
    }
    await ctx.coordinator.recordTokenUsage(who, {
      sessionId: body.session,
      turns: body.turns.length,
      models: Object.entries(byModel).map(([model, c]) => ({
        model,
        inputTokens: c.input_tokens,
        outputTokens: c.output_tokens,
        cacheReadTokens: c.cache_read_tokens,
        cacheCreationTokens: c.cache_creation_tokens,
      })),
    });
    return { recorded: body.turns.length, by_model: byModel };
  },
  "POST /api/hooks/check-paths": async (ctx) => {
    const body = await parse(ctx, checkPathsHookInput);
    const who: AgentRef = body.agent_id
      ? await ownedAgent(ctx, body.agent_id)
      : { orgId: ctx.principal.orgId, agentId: ctx.principal.agentId ?? "git-guard" };
    const results: unknown[] = [];
    const names: Record<string, string> = {};
    const blocking: FileConflict[] = [];
    for (const path of [...new Set(body.paths)]) {
      const conflict = await ctx.coordinator.checkFileConflict(who, { path });
      Object.assign(names, await namesOf(ctx, conflict));
      results.push(toWire(conflict));
      // The guard's rule: another agent's live claim or a live consultation, on a path its policy blocks.
      const held = conflict.claimants.length > 0 || conflict.threads.length > 0;
      if (held && body.policy?.[path] === "block") blocking.push(conflict);
    }
    // Before the answer: a guard that blocks on it is on the record, or gets no answer and does not block.
    if (blocking.length > 0) {
      await ctx.coordinator.recordPolicyBlock(
        { ...who, userId: ctx.principal.userId },
        { at: body.hook ?? "pre-commit", conflicts: blocking },
      );
    }
    return { results, names };
  },
};

/**
 * Maps each edit to declarations (worker) and tells the coordinator. A file that cannot be parsed stays
 * at file level (the extractor logs and counts why); a failure is logged, never returned to the hook.
 */
async function analyzeEdits(
  ctx: RestContext,
  who: ReturnType<typeof actor>,
  edits: ReadonlyArray<{ path: string; before: string | null; after: string }>,
): Promise<void> {
  const extractor = ctx.symbols;
  if (!extractor) return;
  try {
    for (const edit of edits) {
      const edited = await extractor.editedSymbols(edit.path, edit.before, edit.after);
      if (edited === null) continue;
      await ctx.coordinator.recordEditedSymbols(who, { path: edit.path, edited });
    }
  } catch (error) {
    ctx.log.warn({ err: (error as Error).message }, "symbol analysis of an edit failed");
  }
}

type TokenCounts = TokenUsageHookAnswer["by_model"][string];

function sumByModel(turns: ReadonlyArray<TokenCounts & { model: string }>): Record<string, TokenCounts> {
  const sums: Record<string, TokenCounts> = {};
  for (const turn of turns) {
    const sum = sums[turn.model] ?? {
      input_tokens: 0,
      output_tokens: 0,
      cache_read_tokens: 0,
      cache_creation_tokens: 0,
    };
    sums[turn.model] = {
      input_tokens: sum.input_tokens + turn.input_tokens,
      output_tokens: sum.output_tokens + turn.output_tokens,
      cache_read_tokens: sum.cache_read_tokens + turn.cache_read_tokens,
      cache_creation_tokens: sum.cache_creation_tokens + turn.cache_creation_tokens,
    };
  }
  return sums;
}

type HookAgentBody = { agent_id: string; name: string; metadata?: Record<string, string> | undefined };

async function register(ctx: RestContext, body: HookAgentBody): Promise<boolean> {
  const result = await ctx.coordinator.registerAgent(
    { orgId: ctx.principal.orgId, userId: ctx.principal.userId },
    { agentId: body.agent_id, name: body.name, ...(body.metadata ? { metadata: body.metadata } : {}) },
  );
  return result.reattached;
}

/** Runs a use case as the hook's agent, registering it first when the coordinator does not know it. */
async function asAgent<T>(ctx: RestContext, body: HookAgentBody, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof CoordinatorError) || error.code !== "AGENT_NOT_REGISTERED") throw error;
    await register(ctx, body);
    return run();
  }
}

/** Display names of the agents a conflict mentions, for messages a model can act on. */
async function namesOf(ctx: RestContext, conflict: FileConflict): Promise<Record<string, string>> {
  const ids = new Set([
    ...conflict.editors.map((e) => e.agentId),
    ...conflict.claimants.map((c) => c.agentId),
    ...conflict.announcers.map((a) => a.agentId),
    ...conflict.threads.map((t) => t.initiatorId),
  ]);
  if (ids.size === 0) return {};
  const agents = await ctx.coordinator.listAgents({ orgId: ctx.principal.orgId }, { includeOffline: true });
  return Object.fromEntries(agents.filter((a) => ids.has(a.agent.id)).map((a) => [a.agent.id, a.agent.name]));
}
