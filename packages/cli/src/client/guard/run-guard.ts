import { CoordinatorUnreachable, postHookJson } from "../coordinator-http.js";
import { describeHolders, describeThreads } from "../hooks/hook-messages.js";
import { resolveHookSettings } from "../hooks/hook-settings.js";
import { deriveAgentId, locateRepo } from "../hooks/repo-identity.js";
import type { CheckPathsAnswer, ConflictAnswer } from "../hooks/wire.js";
import { loadPolicy } from "../policy/load-policy.js";
import { modeFor, type PolicyMode } from "../policy/policy.js";
import { pushedPaths, stagedPaths } from "./changed-paths.js";

export interface GuardResult {
  /** 1 blocks the commit or push; anything the guard cannot decide is 0. */
  readonly exitCode: 0 | 1;
  readonly lines: readonly string[];
}

export interface GuardOptions {
  readonly hook: "pre-commit" | "pre-push";
  readonly cwd: string;
  readonly stdin?: string;
  readonly url?: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The git guard: the staged (or pushed) paths against other agents' live working-file claims and the
 * live consultations about them. Per path the policy decides: block → exit 1 naming agent, file and
 * thread; warn → print and pass; observe → silent. An unreachable coordinator never blocks.
 */
export async function runGuard(options: GuardOptions): Promise<GuardResult> {
  const repo = locateRepo(options.cwd);
  if (!repo) return { exitCode: 0, lines: [] };
  const paths =
    options.hook === "pre-commit" ? stagedPaths(repo.root) : pushedPaths(repo.root, options.stdin ?? "");
  if (paths.length === 0) return { exitCode: 0, lines: [] };
  const policy = loadPolicy(repo.root, options.env.HOME);
  const settings = resolveHookSettings({ url: options.url }, options.env);
  const agentId = guardAgentId(options.env, repo, options.cwd);
  let answer: CheckPathsAnswer;
  try {
    answer = await postHookJson<CheckPathsAnswer>(
      "/api/hooks/check-paths",
      {
        paths,
        hook: options.hook,
        // The coordinator audits the paths this answer will make the guard block on.
        policy: Object.fromEntries(paths.map((path) => [path, modeFor(policy, path)])),
        ...(agentId ? { agent_id: agentId } : {}),
      },
      {
        baseUrl: settings.baseUrl,
        ...(agentId ? { agentId } : {}),
        ...(settings.token ? { token: settings.token } : {}),
        timeoutMs: settings.timeoutMs,
      },
    );
  } catch (error) {
    const why = error instanceof CoordinatorUnreachable ? "not reachable" : "refused the check";
    return {
      exitCode: 0,
      lines: [
        `mcp-coordinator guard: the coordinator at ${settings.baseUrl} ${why} (${(error as Error).message}); not checked.`,
      ],
    };
  }
  const findings = answer.results
    .map((result) => ({ result, mode: modeFor(policy, result.path) }))
    .filter(({ result, mode }) => mode !== "observe" && holds(result));
  if (findings.length === 0) return { exitCode: 0, lines: [] };
  const blocking = findings.filter((f) => f.mode === "block");
  const lines = findings.map(({ result, mode }) => describe(result, answer.names, mode));
  if (blocking.length === 0) {
    return { exitCode: 0, lines: [...lines, "mcp-coordinator guard: allowed (policy: warn)."] };
  }
  return {
    exitCode: 1,
    lines: [
      ...lines,
      `mcp-coordinator guard: ${options.hook === "pre-commit" ? "commit" : "push"} blocked by policy (${policy.source}).`,
      "Coordinate first (announce_work / the thread above), or bypass once with --no-verify.",
    ],
  };
}

/** Someone else's live claim, or a live consultation about the path. */
function holds(result: ConflictAnswer): boolean {
  return result.claimants.length > 0 || result.threads.length > 0;
}

function describe(result: ConflictAnswer, names: Readonly<Record<string, string>>, mode: PolicyMode): string {
  const claims = { ...result, editors: [], announcers: [] };
  const parts = [
    result.claimants.length > 0 ? describeHolders(claims, names) : null,
    result.threads.length > 0 ? `live thread ${describeThreads(result)}` : null,
  ].filter((p): p is string => p !== null);
  return `${mode === "block" ? "✖" : "!"} ${result.path}: ${parts.join("; ")}`;
}

/**
 * Who is committing: MCP_COORDINATOR_AGENT_ID, or the Claude Code session's agent (the same id its hooks
 * use) when the commit runs inside one; otherwise nobody in particular, and every claim counts.
 */
function guardAgentId(
  env: NodeJS.ProcessEnv,
  repo: NonNullable<ReturnType<typeof locateRepo>>,
  cwd: string,
): string | undefined {
  if (env.MCP_COORDINATOR_AGENT_ID?.trim()) return env.MCP_COORDINATOR_AGENT_ID.trim();
  if (env.CLAUDE_CODE_SESSION_ID) return deriveAgentId("claude", repo, cwd, env.CLAUDE_CODE_SESSION_ID);
  return undefined;
}
