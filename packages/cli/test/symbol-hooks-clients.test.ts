import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveAgentId, locateRepo } from "../src/client/hooks/repo-identity.js";
import type { CoordinatorServer } from "../src/index.js";
import { newHome } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { AUTH_TS, claude, eventually, runHook, tempRepo } from "./hook-helpers.js";

type Json = Record<string, unknown>;

let server: CoordinatorServer;
let home: string;
beforeAll(async () => {
  server = await startTestServer();
  home = newHome();
});
afterAll(async () => {
  await server?.close();
});

interface ClientCase {
  readonly client: "cursor" | "cline";
  readonly start: readonly [event: string, payload: (repo: string, session: string) => Json];
  /** The client's documented after-edit payload for one replacement in `file`. */
  readonly edited: (
    repo: string,
    session: string,
    file: string,
    oldText: string,
    newText: string,
  ) => {
    event: string;
    payload: Json;
  };
}

// Cursor: afterFileEdit `{ file_path, edits: [{ old_string, new_string }] }` (what init wires).
// Cline: PostToolUse `postToolUse: { toolName: "replace_in_file", parameters: { path, diff } }`.
const CASES: readonly ClientCase[] = [
  {
    client: "cursor",
    start: [
      "sessionStart",
      (repo, session) => ({
        conversation_id: session,
        hook_event_name: "sessionStart",
        workspace_roots: [repo],
      }),
    ],
    edited: (repo, session, file, oldText, newText) => ({
      event: "afterFileEdit",
      payload: {
        conversation_id: session,
        hook_event_name: "afterFileEdit",
        workspace_roots: [repo],
        file_path: join(repo, file),
        edits: [{ old_string: oldText, new_string: newText }],
      },
    }),
  },
  {
    client: "cline",
    start: [
      "TaskStart",
      (repo, session) => ({ taskId: session, hookName: "TaskStart", workspaceRoots: [repo] }),
    ],
    edited: (repo, session, file, oldText, newText) => ({
      event: "PostToolUse",
      payload: {
        taskId: session,
        hookName: "PostToolUse",
        workspaceRoots: [repo],
        postToolUse: {
          toolName: "replace_in_file",
          parameters: {
            path: join(repo, file),
            diff: `------- SEARCH\n${oldText}\n=======\n${newText}\n+++++++ REPLACE\n`,
          },
          result: "ok",
          success: true,
        },
      },
    }),
  },
];

describe.each(CASES)("$client edits mapped to symbols", (c) => {
  const hook = (event: string, payload: Json, client: string) =>
    runHook(event, payload, { url: server.url, home, client });
  const as = (repo: string, session: string, client: "cursor" | "cline" | "claude") => ({
    orgId: "default",
    userId: "local",
    agentId: deriveAgentId(client, locateRepo(repo), repo, session),
  });

  /**
   * Writes the edit to disk (the client did it) and runs the client's after-edit hook. Every test repo
   * is the same org to the server, so each test works on a file of its own.
   */
  async function edit(repo: string, session: string, file: string, oldText: string, newText: string) {
    writeFileSync(join(repo, file), AUTH_TS.replace(oldText, newText));
    const { event, payload } = c.edited(repo, session, file, oldText, newText);
    const run = await hook(event, payload, c.client);
    expect(run.code, run.stderr).toBe(0);
  }

  it("an edit of logout's body counts as work on logout: an agent on login is not in conflict with it", async () => {
    const repo = tempRepo({ default: "block" });
    const file = `src/${c.client}-logout.ts`;
    writeFileSync(join(repo, file), AUTH_TS);
    await hook(c.start[0], c.start[1](repo, "e1"), c.client);
    await hook("SessionStart", claude.sessionStart(repo, "cc1"), "claude");
    const onLogin = as(repo, "cc1", "claude");
    await server.coordinator.announceWork(onLogin, {
      subject: "login",
      targetFiles: [file],
      targetSymbols: [`${file}#login`],
    });
    await edit(repo, "e1", file, "console.log(user);", 'console.log("bye", user);');

    // File level first (the edit is recorded at once), then the symbols once the worker mapped the edit.
    const disjoint = await eventually(async () => {
      const conflict = await server.coordinator.checkFileConflict(onLogin, { path: file });
      return conflict.disjointSymbols ?? undefined;
    }, "the edit's symbols");
    expect(disjoint).toEqual({
      mine: ["login"],
      others: [{ agentId: as(repo, "e1", c.client).agentId, symbols: ["logout"] }],
    });
    const again = await server.coordinator.announceWork(onLogin, {
      subject: "login, again",
      targetFiles: [file],
      targetSymbols: [`${file}#login`],
    });
    expect(again).toMatchObject({ score: 50, layer: "0s", category: "gray_zone" });
  });

  it("a changed signature of login tells the agent that depends on the file, once", async () => {
    const repo = tempRepo({ default: "warn" });
    const file = `src/${c.client}-login.ts`;
    writeFileSync(join(repo, file), AUTH_TS);
    await hook(c.start[0], c.start[1](repo, "e2"), c.client);
    await hook("SessionStart", claude.sessionStart(repo, "cc2"), "claude");
    await server.coordinator.announceWork(as(repo, "cc2", "claude"), {
      subject: "app calls login",
      targetFiles: ["src/app.ts"],
      dependsOnFiles: [file],
    });
    await edit(repo, "e2", file, "login(user: string)", "login(user: string, realm: string)");
    await eventually(async () => {
      const digest = await server.coordinator.inboxDigest(as(repo, "cc2", "claude"));
      return digest.items.some((item) => item.kind === "input_moved") ? true : undefined;
    }, "the input_moved notice");

    const prompt = await hook("UserPromptSubmit", claude.prompt(repo, "cc2"), "claude");
    const told = String((prompt.json?.hookSpecificOutput as Json | undefined)?.additionalContext);
    expect(told).toContain("Your input moved");
    expect(told).toContain(
      "function login(user: string): boolean → function login(user: string, realm: string): boolean",
    );
    const again = await hook("UserPromptSubmit", claude.prompt(repo, "cc2"), "claude");
    expect(
      String((again.json?.hookSpecificOutput as Json | undefined)?.additionalContext ?? ""),
    ).not.toContain("Your input moved");
  });
});
