import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_TAIL_BYTES, unreportedUsage, usageLines } from "./transcript-usage.js";

function assistant(id: string, usage: Record<string, number>, model = "claude-test-1") {
  return `${JSON.stringify({ type: "assistant", message: { id, model, usage, content: [] } })}\n`;
}

const U1 = {
  input_tokens: 10,
  output_tokens: 5,
  cache_read_input_tokens: 100,
  cache_creation_input_tokens: 7,
};
const U2 = { input_tokens: 3, output_tokens: 9, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };

function fresh() {
  const dir = mkdtempSync(join(tmpdir(), "tokens-transcript-"));
  return { transcript: join(dir, "session.jsonl"), state: join(dir, "state") };
}

describe("transcript usage", () => {
  it("reads each assistant message once, mapping Claude Code's usage fields", () => {
    const text =
      `${JSON.stringify({ type: "user", message: { content: "hi" } })}\n` +
      assistant("msg_1", U1) +
      assistant("msg_1", U1) + // a second content block of the same message repeats its usage
      "not json\n" +
      assistant("msg_2", U2, "claude-other");
    const { turns, lastMessageId } = usageLines(text, null);
    expect(turns).toEqual([
      {
        message_id: "msg_1",
        model: "claude-test-1",
        input_tokens: 10,
        output_tokens: 5,
        cache_read_tokens: 100,
        cache_creation_tokens: 7,
      },
      {
        message_id: "msg_2",
        model: "claude-other",
        input_tokens: 3,
        output_tokens: 9,
        cache_read_tokens: 0,
        cache_creation_tokens: 0,
      },
    ]);
    expect(lastMessageId).toBe("msg_2");
  });

  it("reports only the tail written since the last commit, and nothing again without one", () => {
    const { transcript, state } = fresh();
    writeFileSync(transcript, assistant("msg_1", U1));
    const first = unreportedUsage(transcript, state);
    expect(first.turns.map((t) => t.message_id)).toEqual(["msg_1"]);
    // Not committed (the report failed): offered again.
    expect(unreportedUsage(transcript, state).turns).toHaveLength(1);
    first.commit();
    expect(unreportedUsage(transcript, state).turns).toEqual([]);
    // A line still being written (no newline yet) waits for the next Stop.
    appendFileSync(transcript, `${assistant("msg_1", U1)}${assistant("msg_2", U2).trimEnd()}`);
    const second = unreportedUsage(transcript, state);
    expect(second.turns).toEqual([]);
    second.commit();
    appendFileSync(transcript, "\n");
    expect(unreportedUsage(transcript, state).turns.map((t) => t.message_id)).toEqual(["msg_2"]);
  });

  it("reads at most MAX_TAIL_BYTES per run and continues from there", () => {
    const { transcript, state } = fresh();
    const filler = `${JSON.stringify({ type: "user", message: { content: "x".repeat(1024 * 1024) } })}\n`;
    writeFileSync(transcript, assistant("msg_a", U1) + filler.repeat(5) + assistant("msg_b", U2));
    const first = unreportedUsage(transcript, state);
    expect(first.turns.map((t) => t.message_id)).toEqual(["msg_a"]);
    first.commit();
    expect(MAX_TAIL_BYTES).toBeLessThan(5 * filler.length);
    const second = unreportedUsage(transcript, state);
    expect(second.turns.map((t) => t.message_id)).toEqual(["msg_b"]);
  });

  it("answers no turns for a missing transcript and starts over when the file was replaced", () => {
    const { transcript, state } = fresh();
    expect(unreportedUsage(transcript, state).turns).toEqual([]);
    writeFileSync(transcript, assistant("msg_1", U1) + assistant("msg_2", U2));
    unreportedUsage(transcript, state).commit();
    writeFileSync(transcript, assistant("msg_9", U2));
    expect(unreportedUsage(transcript, state).turns.map((t) => t.message_id)).toEqual(["msg_9"]);
  });
});
