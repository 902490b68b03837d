import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveAgentId, locateRepo } from "../src/client/hooks/repo-identity.js";
import type { CoordinatorServer } from "../src/index.js";
import { newHome } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { AUTH_TS, claude, eventually, runHook, tempRepo } from "./hook-helpers.js";

type Json = Record<string, unknown>;
const hso = (j: Json | null) => (j?.hookSpecificOutput ?? {}) as Json;

let server: CoordinatorServer;
let home: string;
beforeAll(async () => {
  server = await startTestServer();
  home = newHome();
});
afterAll(async () => {
  await server?.close();
});

/** Claude Code's PostToolUse for an Edit, with the tool_response fields it sends (originalFile). */
function postEdit(
  repo: string,
  session: string,
  file: string,
  before: string,
  oldText: string,
  newText: string,
) {
  writeFileSync(join(repo, file), before.replace(oldText, newText));
  return {
    session_id: session,
    cwd: repo,
    hook_event_name: "PostToolUse",
    tool_name: "Edit",
    tool_input: { file_path: join(repo, file), old_string: oldText, new_string: newText },
    tool_response: { filePath: join(repo, file), originalFile: before },
  };
}

function preEdit(repo: string, session: string, file: string) {
  return {
    session_id: session,
    cwd: repo,
    hook_event_name: "PreToolUse",
    tool_name: "Edit",
    tool_input: { file_path: join(repo, file), old_string: "x", new_string: "y" },
  };
}

describe("symbols from observed edits, through the Claude Code hooks", () => {
  it("block policy lets two agents edit disjoint functions of one file, and tells a dependant its input moved", async () => {
    const repo = tempRepo({ default: "block" });
    writeFileSync(join(repo, "src/auth.ts"), AUTH_TS);
    const opts = { url: server.url, home };
    for (const s of ["a", "b", "c"]) await runHook("SessionStart", claude.sessionStart(repo, s), opts);
    const id = (s: string) => deriveAgentId("claude", locateRepo(repo), repo, s);
    const as = (s: string) => ({ orgId: "default", userId: "local", agentId: id(s) });
    await server.coordinator.announceWork(as("a"), {
      subject: "login",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#login"],
    });
    const second = await server.coordinator.announceWork(as("b"), {
      subject: "logout",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#logout"],
    });
    expect(second.category).toBe("gray_zone");
    await server.coordinator.announceWork(as("c"), {
      subject: "app calls login",
      targetFiles: ["src/app.ts"],
      dependsOnFiles: ["src/auth.ts"],
    });

    const preA = await runHook("PreToolUse", preEdit(repo, "a", "src/auth.ts"), opts);
    expect(hso(preA.json).permissionDecision).toBeUndefined();
    const edited = await runHook(
      "PostToolUse",
      postEdit(
        repo,
        "a",
        "src/auth.ts",
        AUTH_TS,
        'return hash(user) !== "";',
        "return hash(user).length > 0;",
      ),
      opts,
    );
    expect(edited.code).toBe(0);

    const preB = await runHook("PreToolUse", preEdit(repo, "b", "src/auth.ts"), opts);
    expect(hso(preB.json).permissionDecision).toBeUndefined();
    expect(String(hso(preB.json).additionalContext)).toContain("disjoint symbols");

    // a changes login's signature: c (depends on the file) is told, b (no dependency) is not.
    const current = AUTH_TS.replace('return hash(user) !== "";', "return hash(user).length > 0;");
    await runHook(
      "PostToolUse",
      postEdit(
        repo,
        "a",
        "src/auth.ts",
        current,
        "login(user: string)",
        "login(user: string, realm: string)",
      ),
      opts,
    );
    // A cold symbol worker may map the edit after the hook answered: wait for its effect.
    await eventually(async () => {
      const digest = await server.coordinator.inboxDigest(as("c"));
      return digest.items.some((item) => item.kind === "input_moved") ? true : undefined;
    }, "the input_moved notice");
    const cPrompt = await runHook("UserPromptSubmit", claude.prompt(repo, "c"), opts);
    const told = String(hso(cPrompt.json).additionalContext);
    expect(told).toContain(
      "function login(user: string): boolean → function login(user: string, realm: string): boolean",
    );
    const bPrompt = await runHook("UserPromptSubmit", claude.prompt(repo, "b"), opts);
    expect(String(hso(bPrompt.json).additionalContext ?? "")).not.toContain("Your input moved");
  });

  it("an edit outside the announcement extends it, and the agent's next hook warns that it now conflicts", async () => {
    const repo = tempRepo({ default: "warn" });
    writeFileSync(join(repo, "src/db.ts"), "export function connect() {}\n");
    const opts = { url: server.url, home };
    for (const s of ["d1", "d2"]) await runHook("SessionStart", claude.sessionStart(repo, s), opts);
    const as = (s: string) => ({
      orgId: "default",
      userId: "local",
      agentId: deriveAgentId("claude", locateRepo(repo), repo, s),
    });
    await server.coordinator.announceWork(as("d1"), { subject: "db", targetFiles: ["src/db.ts"] });
    const announced = await server.coordinator.announceWork(as("d2"), {
      subject: "ui",
      targetFiles: ["src/ui.ts"],
    });
    const edited = await runHook(
      "PostToolUse",
      postEdit(
        repo,
        "d2",
        "src/db.ts",
        "export function connect() {}\n",
        "connect() {}",
        "connect() { return 1; }",
      ),
      opts,
    );
    expect(edited.code).toBe(0);
    // The hook answered before the analysis: wait for its effect, however long a cold worker takes.
    await eventually(async () => {
      const digest = await server.coordinator.inboxDigest(as("d2"));
      return digest.items.some((item) => item.kind === "intent_drift") ? true : undefined;
    }, "the intent_drift notice");

    const next = await runHook("PreToolUse", preEdit(repo, "d2", "src/ui.ts"), opts);
    const told = String(hso(next.json).additionalContext);
    expect(told).toContain("you edited outside your announcement (src/db.ts, connect)");
    expect(told).toContain("concerned (score 100)");
    const impacts = await server.coordinator.checkFileConflict(as("d1"), { path: "src/db.ts" });
    expect(impacts.announcers.map((a) => a.announcementId)).toContain(announced.announcementId);
  });
});
