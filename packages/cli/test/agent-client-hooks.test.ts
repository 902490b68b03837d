import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveAgentId, type HookClient, locateRepo } from "../src/client/hooks/repo-identity.js";
import type { CoordinatorServer } from "../src/index.js";
import { newHome } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { runHook, tempRepo } from "./hook-helpers.js";

type Json = Record<string, unknown>;
const org = { orgId: "default" };

let server: CoordinatorServer;
let home: string;
beforeAll(async () => {
  server = await startTestServer();
  home = newHome();
});
afterAll(async () => {
  await server?.close();
});

/** Each client's hook payloads (as AGENT-CLIS-E2E.md lists their fields) and where its answers go. */
interface ClientCase {
  readonly client: HookClient;
  readonly start: string;
  readonly pre: string;
  readonly post: string;
  readonly prompt: string | null;
  readonly payload: (event: string, repo: string, session: string, file?: string) => Json;
  /** The deny reason out of the hook's answer. */
  readonly denial: (answer: Json | null) => string | undefined;
  /** The context out of the hook's answer. */
  readonly context: (answer: Json | null) => string | undefined;
  /** Where a warning about an allowed edit reaches the model. */
  readonly warnAt: "pre" | "post" | "prompt";
}

const hso = (a: Json | null) => (a?.hookSpecificOutput ?? {}) as Json;
const claudeShaped =
  (tool: string, input: (repo: string, file: string) => Json) =>
  (event: string, repo: string, session: string, file?: string): Json => ({
    session_id: session,
    cwd: repo,
    hook_event_name: event,
    ...(file ? { tool_name: tool, tool_input: input(repo, file) } : { prompt: "go on" }),
  });

const CASES: ClientCase[] = [
  {
    client: "gemini",
    start: "SessionStart",
    pre: "BeforeTool",
    post: "AfterTool",
    prompt: "BeforeAgent",
    payload: claudeShaped("write_file", (repo, file) => ({ file_path: join(repo, file), content: "x\n" })),
    denial: (a) => (a?.decision === "deny" ? String(a.reason) : undefined),
    context: (a) => hso(a).additionalContext as string | undefined,
    warnAt: "post",
  },
  {
    client: "qwen",
    start: "SessionStart",
    pre: "PreToolUse",
    post: "PostToolUse",
    prompt: "UserPromptSubmit",
    payload: claudeShaped("edit", (repo, file) => ({
      file_path: join(repo, file),
      old_string: "a",
      new_string: "b",
    })),
    denial: (a) => (a?.decision === "deny" ? String(a.reason) : undefined),
    context: (a) => hso(a).additionalContext as string | undefined,
    warnAt: "prompt",
  },
  {
    client: "codex",
    start: "SessionStart",
    pre: "PreToolUse",
    post: "PostToolUse",
    prompt: "UserPromptSubmit",
    // Codex with a model it does not know writes through its shell tool.
    payload: claudeShaped("Bash", (_repo, file) => ({ command: `cat > ${file} <<'EOF'\nexport {};\nEOF` })),
    denial: (a) =>
      hso(a).permissionDecision === "deny" ? String(hso(a).permissionDecisionReason) : undefined,
    context: (a) => hso(a).additionalContext as string | undefined,
    warnAt: "pre",
  },
  {
    client: "opencode",
    start: "chat.message",
    pre: "tool.execute.before",
    post: "tool.execute.after",
    prompt: "chat.message",
    payload: claudeShaped("write", (repo, file) => ({ filePath: join(repo, file), content: "x\n" })),
    denial: (a) => (a?.decision === "deny" ? String(a.reason) : undefined),
    context: (a) => a?.context as string | undefined,
    warnAt: "post",
  },
  {
    client: "cline",
    // The Cline 3.x CLI discards what TaskStart and UserPromptSubmit print: the digest reaches the model
    // with the first tool hook (here a tool that writes nothing), unread messages after any tool.
    start: "PreToolUse",
    pre: "PreToolUse",
    post: "PostToolUse",
    prompt: "PostToolUse",
    // Cline 3.x: hookName is its internal name, the tool is `editor`, the raw input rides in tool_call.
    payload: (event, repo, session, file) => {
      const input = file ? { path: join(repo, file), new_text: "x" } : { files: [{ path: repo }] };
      const toolName = file ? "editor" : "read_files";
      const pre = event === "PreToolUse";
      return {
        taskId: session,
        hookName: pre ? "tool_call" : "tool_result",
        workspaceRoots: [repo],
        [pre ? "tool_call" : "tool_result"]: { id: "call_1", name: toolName, input },
        [pre ? "preToolUse" : "postToolUse"]: {
          toolName,
          parameters: Object.fromEntries(
            Object.entries(input).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
          ),
          ...(pre ? {} : { success: true }),
        },
      };
    },
    // A per-tool refusal: an empty overrideInput, the reason as context (cancel would stop the task).
    denial: (a) => (a && "overrideInput" in a ? String(a.contextModification) : undefined),
    context: (a) => a?.contextModification as string | undefined,
    warnAt: "pre",
  },
];

describe.each(CASES)("$client hooks against a running coordinator", (c) => {
  const hook = (event: string, payload: Json) =>
    runHook(event, payload, { client: c.client, url: server.url, home });
  const agentOf = (repo: string, session: string) => deriveAgentId(c.client, locateRepo(repo), repo, session);

  it("registers at session start with a stable id and a readable name, and tells the model the id", async () => {
    const repo = tempRepo();
    const answer = await hook(c.start, c.payload(c.start, repo, "s-1"));
    expect(answer.code).toBe(0);
    const id = agentOf(repo, "s-1");
    expect(c.context(answer.json)).toContain(`you are agent ${id}`);
    const agent = await server.coordinator.findAgent(org, id);
    expect(agent?.name).toMatch(/^(Gemini CLI|Qwen Code|Codex|opencode|Cline) s1 · hook-repo-/);
  });

  it("block: the second session's write of the first one's file is denied naming the agent and the file", async () => {
    const repo = tempRepo({ default: "block" });
    const first = agentOf(repo, "a");
    await hook(c.pre, c.payload(c.pre, repo, "a", "src/a.ts"));
    writeFileSync(join(repo, "src", "a.ts"), "export {};\n");
    await hook(c.post, c.payload(c.post, repo, "a", "src/a.ts"));
    const files = await server.coordinator.getSessionFiles(org, { agentId: first });
    expect(files.map((f) => f.path)).toEqual(["src/a.ts"]);

    const denied = await hook(c.pre, c.payload(c.pre, repo, "b", "src/a.ts"));
    const reason = c.denial(denied.json) ?? "";
    expect(reason, denied.stdout).toContain("blocked this edit of src/a.ts");
    expect(reason).toContain(first);
    expect(reason).toContain("announce_work");
  });

  it("unread messages reach the model at its prompt hook, and only once", async () => {
    const repo = tempRepo();
    await hook(c.start, c.payload(c.start, repo, "m"));
    const me = agentOf(repo, "m");
    const file = `src/inbox-${c.client}.ts`;
    const as = (agentId: string) => ({ orgId: "default", userId: "local", agentId });
    await server.coordinator.registerAgent(org, { agentId: `peer-of-${c.client}`, name: "Peer" });
    await server.coordinator.announceWork(as(me), { subject: "mine", targetFiles: [file] });
    // The peer's overlapping announcement opens a thread with this agent: a message in its inbox.
    const { threadId } = await server.coordinator.announceWork(as(`peer-of-${c.client}`), {
      subject: "theirs",
      targetFiles: [file],
    });
    const prompt = c.prompt as string;
    const shown = c.context((await hook(prompt, c.payload(prompt, repo, "m"))).json) ?? "";
    expect(shown).toContain(`new message`);
    expect(shown).toContain(`for agent ${me}`);
    expect(shown).toContain(threadId as string);
    const again = c.context((await hook(prompt, c.payload(prompt, repo, "m"))).json) ?? "";
    expect(again).not.toContain("new message");
  });

  it(`warn: the edit goes through and the warning reaches the model at its ${c.warnAt}-tool place`, async () => {
    const repo = tempRepo({ default: "warn" });
    await hook(c.pre, c.payload(c.pre, repo, "a", "src/w.ts"));
    await hook(c.start, c.payload(c.start, repo, "b"));
    const pre = await hook(c.pre, c.payload(c.pre, repo, "b", "src/w.ts"));
    expect(c.denial(pre.json)).toBeUndefined();
    const shown =
      c.warnAt === "pre"
        ? pre
        : c.warnAt === "post"
          ? await hook(c.post, c.payload(c.post, repo, "b", "src/w.ts"))
          : await hook(c.prompt as string, c.payload(c.prompt as string, repo, "b"));
    if (c.warnAt !== "pre") expect(c.context(pre.json)).toBeUndefined();
    expect(c.context(shown.json)).toContain("mcp-coordinator warning: src/w.ts");
    expect(c.context(shown.json)).toContain(agentOf(repo, "a"));
  });
});

describe("shell writes the command line does not name (Codex)", () => {
  it("are found in the working tree after the command and recorded as the agent's activity", async () => {
    const repo = tempRepo();
    const payload = (event: string) => ({
      session_id: "gen",
      cwd: repo,
      hook_event_name: event,
      tool_name: "Bash",
      tool_input: { command: "node gen.js" },
    });
    const opts = { client: "codex", url: server.url, home };
    const pre = await runHook("PreToolUse", payload("PreToolUse"), opts);
    expect(pre.stdout).toBe("");
    writeFileSync(join(repo, "src", "generated.ts"), "export {};\n");
    await runHook("PostToolUse", payload("PostToolUse"), opts);
    const agent = deriveAgentId("codex", locateRepo(repo), repo, "gen");
    const files = await server.coordinator.getSessionFiles(org, { agentId: agent });
    expect(files.map((f) => f.path)).toEqual(["src/generated.ts"]);
  });
});

describe("a client without a session-start event (Qwen Code in -p mode)", () => {
  it("registers at the first prompt and gets the digest there, once", async () => {
    const repo = tempRepo();
    const opts = { client: "qwen", url: server.url, home };
    const payload = { session_id: "q-1", cwd: repo, hook_event_name: "UserPromptSubmit", prompt: "hi" };
    const first = await runHook("UserPromptSubmit", payload, opts);
    const id = deriveAgentId("qwen", locateRepo(repo), repo, "q-1");
    expect(String(hso(first.json).additionalContext)).toContain(`you are agent ${id}`);
    const second = await runHook("UserPromptSubmit", payload, opts);
    expect(second.stdout).toBe("");
  });
});
