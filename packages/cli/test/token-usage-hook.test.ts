import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { newHome } from "./cli-helpers.js";
import { openSse, postJson, startTestServer, tempDir } from "./helpers.js";
import { claude, runHook, tempRepo } from "./hook-helpers.js";

let server: CoordinatorServer;
let home: string;
beforeAll(async () => {
  server = await startTestServer({ store: undefined, bus: undefined, dataDir: tempDir("tokens-hook-") });
  home = newHome();
});
afterAll(async () => {
  await server?.close();
});

function line(id: string, model: string, usage: Record<string, number>): string {
  return `${JSON.stringify({ type: "assistant", message: { id, model, role: "assistant", usage, content: [] } })}\n`;
}

async function tokenSamples(): Promise<Record<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const l of text.split("\n")) {
    const m = /^coordinator_tokens_total\{(.*)\} (\d+)$/.exec(l);
    if (m) out[m[1] as string] = Number(m[2]);
  }
  return out;
}

describe("the Stop hook reports the transcript's token usage", () => {
  it("counts each turn once, by model and kind, across Stops", async () => {
    const repo = tempRepo();
    const transcript = join(tempDir("tokens-transcript-"), "session.jsonl");
    writeFileSync(
      transcript,
      line("msg_t1", "claude-tokens-a", {
        input_tokens: 11,
        output_tokens: 22,
        cache_read_input_tokens: 33,
        cache_creation_input_tokens: 44,
      }) +
        line("msg_t1", "claude-tokens-a", {
          input_tokens: 11,
          output_tokens: 22,
          cache_read_input_tokens: 33,
          cache_creation_input_tokens: 44,
        }),
    );
    const stop = { ...claude.stop(repo, "tok"), transcript_path: transcript };
    const first = await runHook("Stop", stop, { url: server.url, home });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    expect(await tokenSamples()).toMatchObject({
      'model="claude-tokens-a",kind="input"': 11,
      'model="claude-tokens-a",kind="output"': 22,
      'model="claude-tokens-a",kind="cache_read"': 33,
      'model="claude-tokens-a",kind="cache_creation"': 44,
    });
    // The next Stop sends only the new turn.
    writeFileSync(
      transcript,
      line("msg_t2", "claude-tokens-a", {
        input_tokens: 1,
        output_tokens: 2,
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      }),
      { flag: "a" },
    );
    await runHook("Stop", stop, { url: server.url, home });
    expect(await tokenSamples()).toMatchObject({
      'model="claude-tokens-a",kind="input"': 12,
      'model="claude-tokens-a",kind="output"': 24,
      'model="claude-tokens-a",kind="cache_read"': 33,
    });
  });

  it("publishes token_usage on SSE with the report's sums for the agent and session", async () => {
    const sse = await openSse(`${server.url}/api/events`);
    try {
      const res = await postJson(`${server.url}/api/hooks/token-usage`, {
        agent_id: "tok-sse",
        name: "tok",
        session: "sess-sse",
        turns: [
          {
            message_id: "m1",
            model: "claude-sse",
            input_tokens: 5,
            output_tokens: 6,
            cache_read_tokens: 7,
            cache_creation_tokens: 8,
          },
          {
            message_id: "m2",
            model: "claude-sse",
            input_tokens: 1,
            output_tokens: 1,
            cache_read_tokens: 1,
            cache_creation_tokens: 1,
          },
        ],
      });
      expect(res.status).toBe(200);
      const started = Date.now();
      let frame = sse.frames.find((f) => (f.data as { type?: string }).type === "token_usage");
      while (!frame && Date.now() - started < 3000) {
        await new Promise((r) => setTimeout(r, 50));
        frame = sse.frames.find((f) => (f.data as { type?: string }).type === "token_usage");
      }
      expect(frame?.data).toMatchObject({
        type: "token_usage",
        agent_id: "tok-sse",
        session_id: "sess-sse",
        turns: 2,
        models: [
          {
            model: "claude-sse",
            input_tokens: 6,
            output_tokens: 7,
            cache_read_tokens: 8,
            cache_creation_tokens: 9,
          },
        ],
      });
    } finally {
      await sse.close();
    }
  });

  it("never fails the hook: an unreadable transcript still lets Claude Code stop", async () => {
    const repo = tempRepo();
    const stop = { ...claude.stop(repo, "tok-missing"), transcript_path: join(repo, "no-such.jsonl") };
    const run = await runHook("Stop", stop, { url: server.url, home });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
  });

  it("refuses a malformed report, naming the field", async () => {
    const res = await postJson(`${server.url}/api/hooks/token-usage`, {
      agent_id: "tok-agent",
      name: "tok",
      session: "s",
      turns: [
        {
          message_id: "m",
          model: "bad model\nname",
          input_tokens: -1,
          output_tokens: 0,
          cache_read_tokens: 0,
          cache_creation_tokens: 0,
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/turns\.0\.(model|input_tokens)/);
  });
});
