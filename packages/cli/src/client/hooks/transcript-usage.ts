import { createHash } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One model turn's usage as Claude Code wrote it into the session transcript. */
export interface TurnUsage {
  readonly message_id: string;
  readonly model: string;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_read_tokens: number;
  readonly cache_creation_tokens: number;
}

/** What is new in a transcript since the last report, and where the next read starts once it is sent. */
export interface UnreportedUsage {
  readonly turns: readonly TurnUsage[];
  readonly commit: () => void;
}

/**
 * A Stop hook must stay fast however long the session gets: each run reads only the tail written since
 * the last reported offset, at most this much (the rest waits for the next Stop).
 */
export const MAX_TAIL_BYTES = 4 * 1024 * 1024;

const STATE_DIR = join(tmpdir(), "mcp-coordinator-hooks");

interface ReadState {
  offset: number;
  /** Claude Code writes one line per content block, each repeating the message's usage: count it once. */
  lastMessageId: string | null;
}

/**
 * The per-turn usage written to `transcriptPath` since the last committed read. Never throws: an
 * unreadable transcript or state file yields no turns, so the hook answers as if there were none.
 */
export function unreportedUsage(transcriptPath: string, stateDir = STATE_DIR): UnreportedUsage {
  const stateFile = join(
    stateDir,
    `tokens-${createHash("sha256").update(transcriptPath).digest("hex").slice(0, 24)}`,
  );
  const state = readState(stateFile);
  let fd: number | null = null;
  try {
    fd = openSync(transcriptPath, "r");
    const size = fstatSync(fd).size;
    // A shorter file than our offset is a new transcript at the same path: start over.
    const start = size < state.offset ? 0 : state.offset;
    const length = Math.min(size - start, MAX_TAIL_BYTES);
    if (length <= 0) return { turns: [], commit: () => {} };
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, start);
    // Only whole lines: a line still being written is read again next time.
    const end = buffer.subarray(0, read).lastIndexOf(0x0a) + 1;
    const { turns, lastMessageId } = usageLines(
      buffer.subarray(0, end).toString("utf8"),
      state.lastMessageId,
    );
    const next: ReadState = { offset: start + end, lastMessageId };
    return { turns, commit: () => writeState(stateFile, stateDir, next) };
  } catch {
    return { turns: [], commit: () => {} };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Assistant entries with usage, one per message id, in transcript order; other lines are skipped. */
export function usageLines(
  text: string,
  previousMessageId: string | null,
): { turns: TurnUsage[]; lastMessageId: string | null } {
  const turns: TurnUsage[] = [];
  let lastMessageId = previousMessageId;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const turn = turnOf(entry);
    if (turn === null || turn.message_id === lastMessageId) continue;
    if (turns.some((t) => t.message_id === turn.message_id)) continue;
    turns.push(turn);
    lastMessageId = turn.message_id;
  }
  return { turns, lastMessageId };
}

function turnOf(entry: unknown): TurnUsage | null {
  const record = asRecord(entry);
  if (record?.type !== "assistant") return null;
  const message = asRecord(record.message);
  const usage = asRecord(message?.usage);
  if (!message || !usage || typeof message.id !== "string" || message.id === "") return null;
  return {
    message_id: message.id.slice(0, 128),
    model:
      typeof message.model === "string" && message.model !== "" ? message.model.slice(0, 128) : "unknown",
    input_tokens: count(usage.input_tokens),
    output_tokens: count(usage.output_tokens),
    cache_read_tokens: count(usage.cache_read_input_tokens),
    cache_creation_tokens: count(usage.cache_creation_input_tokens),
  };
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function readState(file: string): ReadState {
  try {
    const parsed = asRecord(JSON.parse(readFileSync(file, "utf8")));
    const offset = parsed?.offset;
    return {
      offset: typeof offset === "number" && Number.isSafeInteger(offset) && offset >= 0 ? offset : 0,
      lastMessageId: typeof parsed?.lastMessageId === "string" ? parsed.lastMessageId : null,
    };
  } catch {
    return { offset: 0, lastMessageId: null };
  }
}

function writeState(file: string, dir: string, state: ReadState): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // the turns are reported again next time rather than lost
  }
}
