import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { installClaudeCode } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { AGENT_ID, runClaude } from "./claude-run.js";
import { newHome, runCli } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { AUTH_TS, eventually, tempRepo } from "./hook-helpers.js";

// Two real Claude Code processes (scripted model, shared/CLAUDE-CODE-E2E.md) in one file under the block
// policy: symbols from their observed edits keep them apart, and a signature change reaches the other.
const supported = process.platform === "linux" && process.arch === "x64";

let server: CoordinatorServer;
let claudeBinary: string;
beforeAll(async () => {
  if (!supported) return;
  claudeBinary = await installClaudeCode();
  server = await startTestServer({ mcpHandler: undefined });
}, 320_000);
afterAll(async () => {
  await server?.close();
});

/** A promise and the function that settles it: the two sessions take turns through these. */
function signal() {
  let fire = () => {};
  const fired = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { fire, fired };
}

describe.skipIf(!supported)("symbol-level conflicts between two real Claude Code sessions", () => {
  it("both edit different functions of src/auth.ts under block, then one changes login's signature and the other's next request says so", {
    timeout: 240_000,
  }, async () => {
    const repo = tempRepo({ default: "block" });
    const file = join(repo, "src", "auth.ts");
    writeFileSync(file, AUTH_TS);
    const home = newHome();
    const init = await runCli(
      ["init", "--url", server.url, "--write-claude-hooks", repo, "--write-mcp-config", repo],
      { home, cwd: repo },
    );
    expect(init.code, init.stderr).toBe(0);

    const aAnnounced = signal();
    const bAnnounced = signal();
    const aEdited = signal();
    const bEdited = signal();
    const aMoved = signal();
    const bDone = signal();
    let bRequestAfterMove = "";
    let bAgent = "";
    let bRequestBeforeMove = "";
    let noticeReached: Promise<void> | undefined;

    // A works on login: announces it, edits its body, then (after B's edit) changes its signature.
    const a = runClaude(
      claudeBinary,
      repo,
      "Work on login in src/auth.ts; coordinate first.",
      [
        (request) => ({
          tool: "mcp__coordinator__announce_work",
          input: {
            agent_id: AGENT_ID.exec(request)?.[1] ?? "no-agent-id",
            subject: "login: hash check",
            target_files: ["src/auth.ts"],
            target_symbols: ["src/auth.ts#login"],
          },
        }),
        async () => {
          aAnnounced.fire();
          await bAnnounced.fired;
          return {
            tool: "Edit",
            input: {
              file_path: file,
              old_string: 'return hash(user) !== "";',
              new_string: "return hash(user).length > 0;",
            },
          };
        },
        async () => {
          aEdited.fire();
          await bEdited.fired;
          return {
            tool: "Edit",
            input: {
              file_path: file,
              old_string: "login(user: string)",
              new_string: "login(user: string, realm: string)",
            },
          };
        },
        async () => {
          // The edit hook answered before its symbol analysis: B goes on once the notice is in its inbox.
          // Claude Code may ask this step again (a Stop hook can send it on), when B may have read the
          // notice already: every ask waits on the first one's wait.
          noticeReached ??= eventually(async () => {
            const digest = await server.coordinator.inboxDigest({ orgId: "default", agentId: bAgent });
            return digest.items.some((item) => item.kind === "input_moved") ? true : undefined;
          }, "B's input_moved notice").then(() => aMoved.fire());
          await noticeReached;
          await bDone.fired;
          return { text: "login now takes a realm." };
        },
      ],
      180_000,
    );

    // B works on logout (and calls login, so it depends on the file): announces, edits logout twice.
    const b = runClaude(
      claudeBinary,
      repo,
      "Work on logout in src/auth.ts; coordinate first.",
      [
        async (request) => {
          await aAnnounced.fired;
          bAgent = AGENT_ID.exec(request)?.[1] ?? "no-agent-id";
          return {
            tool: "mcp__coordinator__announce_work",
            input: {
              agent_id: bAgent,
              subject: "logout: log the user",
              target_files: ["src/auth.ts"],
              target_symbols: ["src/auth.ts#logout"],
              depends_on_files: ["src/auth.ts"],
            },
          };
        },
        async () => {
          bAnnounced.fire();
          await aEdited.fired;
          return {
            tool: "Edit",
            input: {
              file_path: file,
              old_string: "console.log(user);",
              new_string: 'console.log("bye", user);',
            },
          };
        },
        async (request) => {
          bRequestBeforeMove = request;
          bEdited.fire();
          await aMoved.fired;
          return {
            tool: "Edit",
            input: {
              file_path: file,
              old_string: 'console.log("bye", user);',
              new_string: 'console.info("bye", user);',
            },
          };
        },
        (request) => {
          bRequestAfterMove = request;
          return { text: "logout done." };
        },
      ],
      180_000,
    );

    const second = await b;
    bDone.fire();
    const first = await a;
    expect(first.final, first.debug).toMatchObject({ subtype: "success" });
    expect(second.final, second.debug).toMatchObject({ subtype: "success" });

    // Under block, neither edit was denied: both changes are in the file.
    for (const [session, id] of [
      [first, "toolu_2"],
      [first, "toolu_3"],
      [second, "toolu_2"],
      [second, "toolu_3"],
    ] as const) {
      expect(session.fake.resultText(id) ?? "", session.debug).not.toContain("blocked this edit");
    }
    const text = readFileSync(file, "utf8");
    expect(text).toContain("export function login(user: string, realm: string): boolean");
    expect(text).toContain("return hash(user).length > 0;");
    expect(text).toContain('console.info("bye", user);');

    // B's request before the signature change had no notice; the next one carries it, with both headers.
    expect(bRequestBeforeMove).not.toContain("Your input moved");
    expect(bRequestAfterMove, second.debug).toContain("Your input moved");
    expect(bRequestAfterMove).toContain(
      "function login(user: string): boolean → function login(user: string, realm: string): boolean",
    );
    // A, the editor, depends on nothing it was told about.
    expect(first.fake.raws.some((r) => r.includes("Your input moved"))).toBe(false);
  });
});
