import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ManualClock } from "@mcp-coordinator/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveAgentId, locateRepo } from "../src/client/hooks/repo-identity.js";
import type { CoordinatorServer } from "../src/index.js";
import { newHome } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { claude, runHook, setPolicy, tempRepo } from "./hook-helpers.js";

type Json = Record<string, unknown>;
const hso = (j: Json | null) => (j?.hookSpecificOutput ?? {}) as Json;
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

function agentOf(repo: string, session: string, client: "claude" | "cursor" | "cline" = "claude") {
  return deriveAgentId(client, locateRepo(repo), repo, session);
}

describe("Claude Code hooks against a running coordinator", () => {
  it("SessionStart registers a stable agent, tells the model its id, and twice is still one agent", async () => {
    const repo = tempRepo();
    const first = await runHook("SessionStart", claude.sessionStart(repo, "s-1"), { url: server.url, home });
    const id = agentOf(repo, "s-1");
    expect(first.code).toBe(0);
    expect(hso(first.json)).toMatchObject({ hookEventName: "SessionStart" });
    expect(String(hso(first.json).additionalContext)).toContain(`you are agent ${id}`);
    expect(String(hso(first.json).additionalContext)).toContain(`agent_id "${id}"`);
    // compaction / resume: same session id → same agent
    await runHook(
      "SessionStart",
      { ...claude.sessionStart(repo, "s-1"), source: "compact" },
      { url: server.url, home },
    );
    const agents = await server.coordinator.listAgents(org, { includeOffline: true });
    expect(agents.filter((a) => a.agent.id === id)).toHaveLength(1);
    expect(agents.filter((a) => a.agent.id.startsWith(id.slice(0, -10)))).toHaveLength(1);
  });

  it("warn: the second agent's Write on the same file is allowed with context naming the other agent", async () => {
    const repo = tempRepo({ default: "warn" });
    const opts = { url: server.url, home };
    await runHook("SessionStart", claude.sessionStart(repo, "a"), opts);
    await runHook("SessionStart", claude.sessionStart(repo, "b"), opts);
    const pre = await runHook("PreToolUse", claude.preWrite(repo, "a", "src/a.ts"), opts);
    expect(pre.stdout).toBe("");
    await runHook("PostToolUse", claude.postWrite(repo, "a", "src/a.ts"), opts);
    const files = await server.coordinator.getSessionFiles(org, { agentId: agentOf(repo, "a") });
    expect(files.map((f) => f.path)).toEqual(["src/a.ts"]);

    const second = await runHook("PreToolUse", claude.preWrite(repo, "b", "src/a.ts"), opts);
    expect(second.code).toBe(0);
    expect(hso(second.json).permissionDecision).toBeUndefined();
    const context = String(hso(second.json).additionalContext);
    expect(context).toContain("mcp-coordinator warning: src/a.ts");
    expect(context).toContain(agentOf(repo, "a"));
    expect(context).toContain("announce_work");
  });

  it("block: the second agent's Write is denied with a reason naming agent, file and thread", async () => {
    const repo = tempRepo({ default: "block" });
    const opts = { url: server.url, home };
    const a = agentOf(repo, "a");
    const b = agentOf(repo, "b");
    await runHook("PreToolUse", claude.preWrite(repo, "a", "src/a.ts"), opts);
    await runHook("PostToolUse", claude.postWrite(repo, "a", "src/a.ts"), opts);
    await runHook("SessionStart", claude.sessionStart(repo, "b"), opts);
    const announced = await server.coordinator.announceWork(
      { orgId: "default", userId: "local", agentId: b },
      { subject: "rewrite a", targetFiles: ["src/a.ts"] },
    );
    expect(announced.threadId).not.toBeNull();

    const denied = await runHook("PreToolUse", claude.preWrite(repo, "b", "src/a.ts", "Edit"), opts);
    expect(denied.code).toBe(0);
    expect(hso(denied.json)).toMatchObject({ hookEventName: "PreToolUse", permissionDecision: "deny" });
    const reason = String(hso(denied.json).permissionDecisionReason);
    expect(reason).toContain("blocked this edit of src/a.ts");
    expect(reason).toContain(a);
    expect(reason).toContain(String(announced.threadId));
    expect(reason).toContain("announce_work");
    // a refused edit does not claim the file
    const claims = await server.coordinator.checkFileConflict(
      { orgId: "default", agentId: a },
      { path: "src/a.ts" },
    );
    expect(claims.claimants.map((c) => c.agentId)).not.toContain(b);

    // the thread put an item in a's inbox: UserPromptSubmit delivers it once
    const prompt = await runHook("UserPromptSubmit", claude.prompt(repo, "a"), opts);
    expect(String(hso(prompt.json).additionalContext)).toContain(String(announced.threadId));
    const again = await runHook("UserPromptSubmit", claude.prompt(repo, "a"), opts);
    expect(again.stdout).toBe("");
  });

  it("observe: a conflict is only recorded, nothing reaches the model", async () => {
    const repo = tempRepo({ default: "block", rules: [{ glob: "src/generated/**", mode: "observe" }] });
    const opts = { url: server.url, home };
    await runHook("PreToolUse", claude.preWrite(repo, "a", "src/generated/x.ts"), opts);
    const second = await runHook("PreToolUse", claude.preWrite(repo, "b", "src/generated/x.ts"), opts);
    expect(second.stdout).toBe("");
    const conflict = await server.coordinator.checkFileConflict(
      { orgId: "default", agentId: agentOf(repo, "b") },
      { path: "src/generated/x.ts" },
    );
    expect(conflict.claimants.map((c) => c.agentId)).toEqual([agentOf(repo, "a")]);
  });

  it("Stop asks for one more turn when messages wait, and not again when stop_hook_active", async () => {
    const repo = tempRepo();
    const opts = { url: server.url, home };
    const a = agentOf(repo, "a");
    await runHook("SessionStart", claude.sessionStart(repo, "a"), opts);
    await server.coordinator.registerAgent(org, { agentId: "stop-peer", name: "peer" });
    await server.coordinator.announceWork(
      { orgId: "default", userId: "local", agentId: a },
      { subject: "x", targetFiles: ["src/s.ts"] },
    );
    await server.coordinator.announceWork(
      { orgId: "default", userId: "local", agentId: "stop-peer" },
      { subject: "y", targetFiles: ["src/s.ts"] },
    );
    const active = await runHook("Stop", claude.stop(repo, "a", true), opts);
    expect(active.stdout).toBe("");
    const stop = await runHook("Stop", claude.stop(repo, "a"), opts);
    expect(stop.json).toMatchObject({ decision: "block" });
    expect(String(stop.json?.reason)).toContain("stop-peer");
    expect((await runHook("Stop", claude.stop(repo, "a"), opts)).stdout).toBe("");
  });

  it("other tools and unknown events are let through without asking the coordinator", async () => {
    const repo = tempRepo({ default: "block" });
    const run = await runHook(
      "PreToolUse",
      {
        session_id: "z",
        cwd: repo,
        hook_event_name: "PreToolUse",
        tool_name: "Bash",
        tool_input: { command: "ls" },
      },
      { url: "http://127.0.0.1:9", home },
    );
    expect(run).toMatchObject({ code: 0, stdout: "" });
  });
});

describe("a crashed agent", () => {
  it("holds its claim until the TTL, then no longer blocks", async () => {
    const clock = new ManualClock(Date.now());
    const s = await startTestServer({ clock });
    try {
      const repo = tempRepo({ default: "block" });
      const opts = { url: s.url, home };
      // a claims src/a.ts and then dies without a PostToolUse or SessionEnd
      await runHook("PreToolUse", claude.preWrite(repo, "a", "src/a.ts"), opts);
      const blocked = await runHook("PreToolUse", claude.preWrite(repo, "b", "src/a.ts"), opts);
      expect(hso(blocked.json).permissionDecision).toBe("deny");
      expect(String(hso(blocked.json).permissionDecisionReason)).toContain("claimed it until");
      clock.advance(31 * 60_000);
      const allowed = await runHook("PreToolUse", claude.preWrite(repo, "b", "src/a.ts"), opts);
      expect(allowed.stdout).toBe("");
    } finally {
      await s.close();
    }
  });
});

describe("an agent whose session ended", () => {
  it("goes offline at SessionEnd and no longer blocks anyone", async () => {
    const repo = tempRepo({ default: "block" });
    const opts = { url: server.url, home };
    await runHook("PreToolUse", claude.preWrite(repo, "ends", "src/gone.ts"), opts);
    const blocked = await runHook("PreToolUse", claude.preWrite(repo, "stays", "src/gone.ts"), opts);
    expect(hso(blocked.json).permissionDecision).toBe("deny");

    const end = await runHook("SessionEnd", claude.sessionEnd(repo, "ends"), opts);
    expect(end).toMatchObject({ code: 0, stdout: "" });
    const gone = await server.coordinator.findAgent(org, agentOf(repo, "ends"));
    expect(gone?.status).toBe("offline");
    const allowed = await runHook("PreToolUse", claude.preWrite(repo, "stays", "src/gone.ts"), opts);
    expect(allowed.stdout).toBe("");
    const guard = await server.coordinator.checkFileConflict(
      { orgId: "default", agentId: "git-guard" },
      { path: "src/gone.ts" },
    );
    expect(guard.claimants.map((c) => c.agentId)).toEqual([agentOf(repo, "stays")]);
  });
});

describe("when the coordinator is down", () => {
  it("allows at once and says so once", async () => {
    const repo = tempRepo({ default: "block" });
    const url = "http://127.0.0.1:9";
    const first = await runHook("PreToolUse", claude.preWrite(repo, `down-${Date.now()}`, "src/a.ts"), {
      url,
      home,
    });
    expect(first.code).toBe(0);
    expect(hso(first.json).permissionDecision).toBeUndefined();
    expect(String(hso(first.json).additionalContext)).toContain("not reachable");
    const session = `down2-${Date.now()}`;
    await runHook("PreToolUse", claude.preWrite(repo, session, "src/a.ts"), { url, home });
    const second = await runHook("PreToolUse", claude.preWrite(repo, session, "src/b.ts"), { url, home });
    expect(second.stdout).toBe("");
  });

  it("allows within the timeout when the coordinator accepts but never answers", async () => {
    const sockets = new Set<import("node:net").Socket>();
    const hung: Server = createServer(() => {});
    hung.on("connection", (s) => sockets.add(s));
    await new Promise<void>((r) => hung.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
      const repo = tempRepo({ default: "block" });
      const run = await runHook("PreToolUse", claude.preWrite(repo, `hang-${Date.now()}`, "src/a.ts"), {
        url,
        home,
      });
      expect(run.code).toBe(0);
      expect(hso(run.json).permissionDecision).toBeUndefined();
      expect(run.ms).toBeLessThan(4_000);
    } finally {
      for (const s of sockets) s.destroy();
      hung.close();
    }
  });
});

describe("Cursor hooks", () => {
  it("sessionStart injects the digest, preToolUse denies per policy, afterFileEdit records activity", async () => {
    const repo = tempRepo({ default: "block" });
    const opts = { url: server.url, home, client: "cursor" };
    const base = (conversation: string, event: string) => ({
      conversation_id: conversation,
      generation_id: "g",
      hook_event_name: event,
      workspace_roots: [repo],
    });
    const start = await runHook("sessionStart", base("c1", "sessionStart"), opts);
    expect(String(start.json?.additional_context)).toContain(
      `you are agent ${agentOf(repo, "c1", "cursor")}`,
    );
    const edit = await runHook(
      "afterFileEdit",
      { ...base("c1", "afterFileEdit"), file_path: `${repo}/src/c.ts`, edits: [] },
      opts,
    );
    expect(edit.json).toEqual({});
    const files = await server.coordinator.getSessionFiles(org, { agentId: agentOf(repo, "c1", "cursor") });
    expect(files.map((f) => f.path)).toEqual(["src/c.ts"]);
    const denied = await runHook(
      "preToolUse",
      { ...base("c2", "preToolUse"), tool_name: "Write", tool_input: { file_path: `${repo}/src/c.ts` } },
      opts,
    );
    expect(denied.json).toMatchObject({ permission: "deny" });
    expect(String(denied.json?.agent_message)).toContain(agentOf(repo, "c1", "cursor"));
  });
});

describe("Cline hooks", () => {
  it("TaskStart injects the digest; PreToolUse on write_to_file is cancelled per policy", async () => {
    const repo = tempRepo({ default: "block" });
    const opts = { url: server.url, home, client: "cline" };
    const base = (task: string, hookName: string) => ({
      clineVersion: "3.36.0",
      hookName,
      timestamp: String(Date.now()),
      taskId: task,
      workspaceRoots: [repo],
      userId: "u",
    });
    const start = await runHook("TaskStart", { ...base("t1", "TaskStart"), taskStart: {} }, opts);
    expect(start.json).toMatchObject({ cancel: false });
    expect(String(start.json?.contextModification)).toContain(agentOf(repo, "t1", "cline"));
    const write = (task: string) => ({
      ...base(task, "PreToolUse"),
      preToolUse: { toolName: "write_to_file", parameters: { path: "src/l.ts", content: "x" } },
    });
    expect((await runHook("PreToolUse", write("t1"), opts)).json).toEqual({ cancel: false });
    const denied = await runHook("PreToolUse", write("t2"), opts);
    expect(denied.json).toMatchObject({ cancel: true });
    expect(String(denied.json?.errorMessage)).toContain("src/l.ts");
  });
});

describe("Cline 3.x CLI hooks (payloads as the real CLI sends them)", () => {
  const opts = () => ({ url: server.url, home, client: "cline" });
  const payload = (repo: string, task: string, hookName: string, extra: Json = {}) => ({
    clineVersion: "",
    hookName,
    timestamp: new Date().toISOString(),
    taskId: task,
    workspaceRoots: [repo],
    agent_id: "agent_1",
    ...extra,
  });
  const call = (repo: string, task: string, name: string, input: Json) =>
    payload(repo, task, "tool_call", {
      tool_call: { id: "call_1", name, input },
      preToolUse: { toolName: name, parameters: input },
    });
  const result = (repo: string, task: string, name: string, input: Json, success: boolean) =>
    payload(repo, task, "tool_result", {
      tool_result: { id: "call_1", name, input, ...(success ? {} : { error: "failed" }) },
      postToolUse: { toolName: name, parameters: input, result: "", success },
    });

  it("TaskStart registers the agent but prints nothing for the model; its first tool hook carries the digest, once", async () => {
    const repo = tempRepo();
    const id = agentOf(repo, "conv_1", "cline");
    const start = await runHook("TaskStart", payload(repo, "conv_1", "agent_start"), opts());
    expect(start.json).toEqual({ cancel: false });
    expect((await server.coordinator.findAgent(org, id))?.status).toBe("online");
    const read = call(repo, "conv_1", "read_files", { files: [{ path: `${repo}/README.md` }] });
    const first = await runHook("PreToolUse", read, opts());
    expect(String(first.json?.contextModification)).toContain(`you are agent ${id}`);
    const second = await runHook("PreToolUse", read, opts());
    expect(second.json).toEqual({ cancel: false });
  });

  it("block: the refusal keeps the task going (an empty overrideInput, the reason as context), and the failed call records nothing", async () => {
    const repo = tempRepo({ default: "block" });
    const write = (task: string) => call(repo, task, "editor", { path: `${repo}/src/k.ts`, new_text: "x" });
    await runHook("PreToolUse", write("conv_a"), opts());
    const denied = await runHook("PreToolUse", write("conv_b"), opts());
    expect(denied.json).toMatchObject({ cancel: false, overrideInput: {} });
    expect(String(denied.json?.contextModification)).toContain("blocked this edit of src/k.ts");
    expect(String(denied.json?.contextModification)).toContain(agentOf(repo, "conv_a", "cline"));
    const failed = result(repo, "conv_b", "editor", { path: `${repo}/src/k.ts`, new_text: "x" }, false);
    await runHook("PostToolUse", failed, opts());
    const files = await server.coordinator.getSessionFiles(org, {
      agentId: agentOf(repo, "conv_b", "cline"),
    });
    expect(files).toEqual([]);
  });

  it("run_commands: a command list that writes a file claims it before it runs", async () => {
    const repo = tempRepo({ default: "block" });
    const shell = (task: string) =>
      call(repo, task, "run_commands", { commands: ["ls", "printf 'x\\n' > src/sh.ts"] });
    await runHook("PreToolUse", shell("conv_s1"), opts());
    const denied = await runHook("PreToolUse", shell("conv_s2"), opts());
    expect(String(denied.json?.contextModification)).toContain("blocked this edit of src/sh.ts");
  });

  it("UserPromptSubmit leaves unread messages waiting (Cline discards what it prints)", async () => {
    const repo = tempRepo();
    const me = agentOf(repo, "conv_m", "cline");
    await runHook("TaskStart", payload(repo, "conv_m", "agent_start"), opts());
    const as = (agentId: string) => ({ orgId: "default", userId: "local", agentId });
    await server.coordinator.registerAgent(org, { agentId: "peer-of-cline-cli", name: "Peer" });
    await server.coordinator.announceWork(as(me), { subject: "mine", targetFiles: ["src/m.ts"] });
    await server.coordinator.announceWork(as("peer-of-cline-cli"), {
      subject: "theirs",
      targetFiles: ["src/m.ts"],
    });
    const prompt = payload(repo, "conv_m", "prompt_submit", { userPromptSubmit: { prompt: "go" } });
    expect((await runHook("UserPromptSubmit", prompt, opts())).json).toEqual({ cancel: false });
    const after = result(repo, "conv_m", "read_files", { files: "[]" }, true);
    const shown = await runHook("PostToolUse", after, opts());
    expect(String(shown.json?.contextModification)).toContain("new message");
  });
});

describe("policy errors", () => {
  it("an invalid policy file is reported to the model once and the default applies", async () => {
    const repo = tempRepo();
    setPolicy(repo, { default: "deny" });
    const run = await runHook("SessionStart", claude.sessionStart(repo, `p-${Date.now()}`), {
      url: server.url,
      home,
    });
    const context = String(hso(run.json).additionalContext);
    expect(context).toContain('default is "deny"; use one of observe, warn, block');
  });
});
