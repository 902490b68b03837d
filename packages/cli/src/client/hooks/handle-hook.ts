import { resolve } from "node:path";
import { CoordinatorUnreachable, postHookJson } from "../coordinator-http.js";
import { loadPolicy } from "../policy/load-policy.js";
import { DEFAULT_POLICY, modeFor, type Policy } from "../policy/policy.js";
import { changedSince } from "./changed-files.js";
import { editTexts } from "./edit-texts.js";
import type { HookOutcome, HookRequest, ToolContextAt } from "./hook-event.js";
import {
  blockReason,
  disjointSymbolsContext,
  inboxContext,
  sessionDigest,
  threadOnlyContext,
  unreachableNotice,
  warnContext,
} from "./hook-messages.js";
import type { HookSettings } from "./hook-settings.js";
import { appendState, putState, readState, takeState } from "./hook-state.js";
import { deriveAgentId, displayName, locateRepo, type RepoLocation, repoRelative } from "./repo-identity.js";
import { firstTime, forget } from "./say-once.js";
import { unreportedUsage } from "./transcript-usage.js";
import type {
  InboxAnswer,
  PostEditAnswer,
  PreEditAnswer,
  SessionAnswer,
  SessionEndAnswer,
  TokenUsageAnswer,
} from "./wire.js";

export interface HookContext {
  readonly agentId: string;
  readonly name: string;
  readonly repo: RepoLocation | null;
  readonly policy: Policy;
  /** Set when the policy file is invalid (the default applies meanwhile). */
  readonly policyError: string | null;
}

/** Identity and policy of the hook's agent: no network, a few stat calls. */
export function hookContext(request: HookRequest, env: NodeJS.ProcessEnv): HookContext {
  const repo = locateRepo(request.cwd);
  let policy = DEFAULT_POLICY;
  let policyError: string | null = null;
  try {
    policy = loadPolicy(repo?.root ?? null, env.HOME);
  } catch (error) {
    policyError = (error as Error).message;
  }
  return {
    agentId:
      env.MCP_COORDINATOR_AGENT_ID?.trim() ||
      deriveAgentId(request.client, repo, request.cwd, request.sessionId),
    name: displayName(request.client, repo, request.cwd, request.sessionId),
    repo,
    policy,
    policyError,
  };
}

/**
 * One hook event → one coordinator round trip → a client-neutral outcome. Never throws for the
 * coordinator's sake: unreachable means allow (and say so once), a refusal means allow.
 */
export async function handleHook(
  request: HookRequest,
  ctx: HookContext,
  settings: HookSettings,
  deadline: number,
  toolContextAt: ToolContextAt = "pre-edit",
): Promise<HookOutcome> {
  const notes: string[] = [];
  if (ctx.policyError && firstTime(`policy:${ctx.policyError}`)) {
    notes.push(`mcp-coordinator: ${ctx.policyError} The default policy (warn) applies until it is fixed.`);
  }
  const downKey = `down:${settings.baseUrl}:${ctx.agentId}`;
  const post = <T>(path: string, body: Record<string, unknown>) =>
    postHookJson<T>(
      path,
      {
        agent_id: ctx.agentId,
        name: ctx.name,
        metadata: {
          client: request.client,
          session: request.sessionId,
          ...(ctx.repo ? { worktree: ctx.repo.root } : {}),
        },
        ...body,
      },
      {
        baseUrl: settings.baseUrl,
        agentId: ctx.agentId,
        ...(settings.token ? { token: settings.token } : {}),
        timeoutMs: Math.max(50, deadline - Date.now() - 100),
      },
    );
  try {
    const digest = await pendingDigest(request, ctx, post);
    const outcome = withDigest(await decide(request, ctx, post), digest);
    forget(downKey);
    return withNotes(deliverWhereSeen(outcome, request, ctx, toolContextAt), notes);
  } catch (error) {
    if (error instanceof CoordinatorUnreachable) {
      if (firstTime(downKey)) notes.push(unreachableNotice(settings.baseUrl, error.message));
      return withNotes({ decision: "allow" }, notes);
    }
    process.stderr.write(`mcp-coordinator hook: ${(error as Error).message}\n`);
    return withNotes({ decision: "allow" }, notes);
  }
}

type Post = <T>(path: string, body: Record<string, unknown>) => Promise<T>;

/**
 * A client whose session-start output never reaches the model gets the digest with the first tool hook
 * of the session (`started:` marks a model that has it). Its session-start hook only registers.
 */
async function pendingDigest(request: HookRequest, ctx: HookContext, post: Post): Promise<string | null> {
  if (request.digestAt !== "first-tool") return null;
  if (!["pre-edit", "post-edit", "tool"].includes(request.kind)) return null;
  if (readState(`started:${ctx.agentId}`) !== null) return null;
  const digest = await startSession(ctx, post);
  return digest.decision === "allow" ? (digest.context ?? null) : null;
}

function withDigest(outcome: HookOutcome, digest: string | null): HookOutcome {
  if (digest === null) return outcome;
  if (outcome.decision === "allow")
    return { decision: "allow", context: outcome.context ? `${digest}\n${outcome.context}` : digest };
  return { ...outcome, reason: `${digest}\n${outcome.reason}` };
}

async function decide(request: HookRequest, ctx: HookContext, post: Post): Promise<HookOutcome> {
  switch (request.kind) {
    case "session-start":
      if (request.digestAt === "first-tool") {
        await post<SessionAnswer>("/api/hooks/session", {});
        return { decision: "allow" };
      }
      return startSession(ctx, post);
    case "pre-edit":
      if (request.opaqueShell) putState(`shell-started:${ctx.agentId}`, String(Date.now()));
      return preEdit(request, ctx, post);
    case "post-edit": {
      const paths = [...relativePaths(request, ctx), ...opaqueShellWrites(request, ctx)];
      if (paths.length === 0) return { decision: "allow" };
      const edits = editsOf(request, ctx);
      const answer = await post<PostEditAnswer>("/api/hooks/post-edit", {
        paths,
        ...(edits.length > 0 ? { edits } : {}),
      });
      // A drift warning ("policy may warn") comes through the inbox line, at the hook after the analysis.
      return answer.inbox_line ? { decision: "allow", context: answer.inbox_line } : { decision: "allow" };
    }
    case "prompt": {
      // A client without a session-start event (Qwen Code in -p mode, opencode after idle) registers at
      // its first prompt, and the model gets the digest there.
      const digest = readState(`started:${ctx.agentId}`) === null ? await startSession(ctx, post) : null;
      const answer = await post<InboxAnswer>("/api/hooks/inbox", {});
      const parts = [
        ...(digest?.decision === "allow" && digest.context ? [digest.context] : []),
        ...(answer.items.length > 0 ? [inboxContext(answer, ctx.agentId)] : []),
      ];
      return parts.length > 0 ? { decision: "allow", context: parts.join("\n") } : { decision: "allow" };
    }
    case "stop": {
      await reportTokenUsage(request, post);
      // A Stop that follows our own "one more turn" does not ask again: no loops.
      if (request.stopHookActive) return { decision: "allow" };
      const answer = await post<InboxAnswer>("/api/hooks/inbox", {});
      return answer.items.length > 0
        ? { decision: "continue", reason: inboxContext(answer, ctx.agentId) }
        : { decision: "allow" };
    }
    case "session-end":
      await post<SessionEndAnswer>("/api/hooks/session-end", {});
      takeState(`started:${ctx.agentId}`);
      takeState(`waiting:${ctx.agentId}`);
      return { decision: "allow" };
    default:
      return { decision: "allow" };
  }
}

async function startSession(ctx: HookContext, post: Post): Promise<HookOutcome> {
  const answer = await post<SessionAnswer>("/api/hooks/session", {});
  putState(`started:${ctx.agentId}`, String(Date.now()));
  return {
    decision: "allow",
    context: sessionDigest(answer, ctx.name, ctx.policy.default, ctx.policy.source),
  };
}

/**
 * Context for the model goes out where the client shows it: a warning about an allowed edit that its
 * pre-tool hook cannot show waits (per agent) for the post-tool output or the next prompt.
 */
function deliverWhereSeen(
  outcome: HookOutcome,
  request: HookRequest,
  ctx: HookContext,
  at: ToolContextAt,
): HookOutcome {
  if (outcome.decision !== "allow") return outcome;
  const key = `waiting:${ctx.agentId}`;
  if (request.kind === "pre-edit" && at !== "pre-edit") {
    if (outcome.context) appendState(key, outcome.context);
    return { decision: "allow" };
  }
  if (request.kind !== at || at === "pre-edit") return outcome;
  const waiting = takeState(key);
  if (!waiting) return outcome;
  return { decision: "allow", context: outcome.context ? `${waiting}\n${outcome.context}` : waiting };
}

/** What an opaque shell command wrote, from the working tree, when its pre-tool hook stamped the start. */
function opaqueShellWrites(request: HookRequest, ctx: HookContext): string[] {
  if (!request.opaqueShell || ctx.repo === null) return [];
  const started = Number(takeState(`shell-started:${ctx.agentId}`));
  if (!Number.isFinite(started) || started <= 0) return [];
  return changedSince(ctx.repo.root, started).filter((p) => !p.startsWith(".git/"));
}

/** Turns per request: a long session's first report is split so no body nears the size limit. */
const TURNS_PER_REPORT = 200;

/**
 * Sends the transcript's usage not reported yet. Never fails the Stop hook: a refusal is written to
 * stderr and the same turns are offered again at the next Stop (the offset only moves once all are sent).
 */
async function reportTokenUsage(request: HookRequest, post: Post): Promise<void> {
  if (!request.transcriptPath) return;
  const usage = unreportedUsage(request.transcriptPath);
  try {
    for (let i = 0; i < usage.turns.length; i += TURNS_PER_REPORT) {
      await post<TokenUsageAnswer>("/api/hooks/token-usage", {
        session: request.sessionId,
        turns: usage.turns.slice(i, i + TURNS_PER_REPORT),
      });
    }
    usage.commit();
  } catch (error) {
    if (error instanceof CoordinatorUnreachable) throw error;
    process.stderr.write(`mcp-coordinator hook: token usage not reported: ${(error as Error).message}\n`);
  }
}

async function preEdit(request: HookRequest, ctx: HookContext, post: Post): Promise<HookOutcome> {
  const contexts: string[] = [];
  for (const path of relativePaths(request, ctx)) {
    const mode = modeFor(ctx.policy, path);
    const answer = await post<PreEditAnswer>("/api/hooks/pre-edit", {
      path,
      // A refused edit does not claim the file; an allowed one does, so others see it.
      claim: mode === "block" ? "if-clear" : "always",
      // The coordinator audits the refusal when this answer makes the hook block.
      policy: mode,
    });
    if (mode === "observe") continue;
    if (answer.conflict) {
      if (mode === "block")
        return { decision: "deny", reason: blockReason(answer, answer.names, ctx.agentId) };
      contexts.push(warnContext(answer, answer.names, ctx.agentId));
    } else if (answer.disjoint_symbols) {
      contexts.push(disjointSymbolsContext(answer, answer.names));
    } else if (answer.threads.length > 0) {
      contexts.push(threadOnlyContext(answer));
    }
    if (answer.inbox_line) contexts.push(answer.inbox_line);
  }
  return contexts.length > 0 ? { decision: "allow", context: contexts.join("\n") } : { decision: "allow" };
}

/** Before/after texts of the edited files the coordinator can map to declarations. */
function editsOf(request: HookRequest, ctx: HookContext) {
  if (ctx.repo === null || request.edit === undefined) return [];
  const root = ctx.repo.root;
  return request.files.flatMap((file) => {
    const path = repoRelative(root, file, request.cwd);
    const texts = path === null ? undefined : editTexts(resolve(request.cwd, file), request.edit);
    return path === null || texts === undefined ? [] : [{ path, ...texts }];
  });
}

function relativePaths(request: HookRequest, ctx: HookContext): string[] {
  if (ctx.repo === null) return [];
  const root = ctx.repo.root;
  return request.files
    .map((f) => repoRelative(root, f, request.cwd))
    .filter((p): p is string => p !== null && !p.startsWith(".git/"));
}

function withNotes(outcome: HookOutcome, notes: readonly string[]): HookOutcome {
  if (notes.length === 0 || outcome.decision !== "allow") return outcome;
  return { decision: "allow", context: [...notes, ...(outcome.context ? [outcome.context] : [])].join("\n") };
}
