import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { claudeCodeEnv, type PlannedStep, run, startFakeMessagesApi } from "@mcp-coordinator/test-support";
import { tempDir } from "./helpers.js";

/**
 * One `claude -p` run of the real Claude Code binary in `repo` against a fake model playing `script`
 * (shared/CLAUDE-CODE-E2E.md); resolves with its result line, its session id and the fake, whose
 * recorded requests show what reached the model.
 */
export async function runClaude(
  binary: string,
  repo: string,
  prompt: string,
  script: readonly PlannedStep[],
  timeoutMs = 60_000,
) {
  const fake = await startFakeMessagesApi(script);
  const work = tempDir("cc-run-");
  const home = join(work, "home");
  const cc = join(work, "cc");
  for (const dir of [home, cc]) mkdirSync(dir, { recursive: true });
  try {
    const result = await run(
      binary,
      [
        "-p",
        prompt,
        "--output-format",
        "stream-json",
        "--verbose",
        "--allowedTools",
        "Write",
        "Edit",
        "mcp__coordinator__announce_work",
      ],
      { cwd: repo, timeoutMs, env: claudeCodeEnv({ home, tmp: cc, apiUrl: fake.url }) },
    );
    const events = result.stdout
      .split("\n")
      .filter((l) => l.trim().startsWith("{"))
      .map((l) => JSON.parse(l) as { type: string; subtype?: string; result?: string; session_id?: string });
    const final = events.find((e) => e.type === "result");
    const debug = `${result.stdout.slice(-2_000)}\n${result.stderr.slice(-2_000)}`;
    return { ...result, final, debug, fake, sessionId: events.find((e) => e.session_id)?.session_id ?? "" };
  } finally {
    await fake.close();
  }
}

/** The agent id the SessionStart digest tells the model ("you are agent <id> ("). */
export const AGENT_ID = /you are agent (\S+) \(/;
