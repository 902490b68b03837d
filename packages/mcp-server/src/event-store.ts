import { randomBytes } from "node:crypto";
import type { EventId, EventStore, StreamId } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { JSONRPCMessage, RequestId } from "@modelcontextprotocol/sdk/types.js";

export interface BoundedEventStoreOptions {
  /** Events kept per stream; older ones are dropped first. */
  readonly maxEventsPerStream?: number;
  /** Streams kept; the least recently written stream is dropped first. */
  readonly maxStreams?: number;
  /**
   * Tags this process's event ids, so an id minted by another process (a dead instance, or this one
   * before a restart) is recognized as foreign. Default: random per store.
   */
  readonly epoch?: string;
  /**
   * The JSON-RPC request ids of the POST being served when an event is stored (an AsyncLocalStorage read
   * in the handler). They ride in the ids of that stream's events so that whoever receives a resume for
   * the stream after this process died can answer those requests (see replayEventsAfter).
   */
  readonly requestIds?: () => readonly RequestId[];
}

interface StoredEvent {
  readonly seq: number;
  readonly id: EventId;
  /** Null for a priming event: it carries no message and is never replayed. */
  readonly message: JSONRPCMessage | null;
}

/** The SDK's id for the session's standalone GET stream; index 0 in event ids, whatever process minted them. */
const STANDALONE_STREAM = "_GET_stream";

/** JSON-RPC error (server range) for a request whose instance died before answering it. */
export const INTERRUPTED_REQUEST = -32003;

/**
 * Resumability for one session's Streamable HTTP transport (spec: Transports, "Resumability and
 * Redelivery"). Event ids are `<epoch>.<stream index>.<sequence>[.<request ids>]`: the sequence is
 * monotonic across the store, so ordering never depends on timestamps, and the stream is found from the
 * id even when the stream id itself contains separators (the SDK's standalone stream is `_GET_stream`).
 * Replays every event of the same stream after the given one, priming events excepted.
 *
 * The events live in this process. A resume carrying another process's id (the session moved to this
 * instance because its own died) cannot be replayed, but it can be answered honestly: a standalone
 * stream resumes as a fresh one (its notifications were nudges; the inbox itself is in the store), and a
 * request stream gets, for each request it carried, a JSON-RPC error saying the call was interrupted and
 * may be retried, instead of a stream that never answers.
 */
export class BoundedEventStore implements EventStore {
  private readonly streams = new Map<StreamId, StoredEvent[]>();
  private readonly streamIndex = new Map<StreamId, number>([[STANDALONE_STREAM, 0]]);
  private readonly streamByIndex = new Map<number, StreamId>([[0, STANDALONE_STREAM]]);
  private seq = 0;
  private readonly maxEvents: number;
  private readonly maxStreams: number;
  readonly epoch: string;
  private readonly requestIds: () => readonly RequestId[];

  constructor(options: BoundedEventStoreOptions = {}) {
    this.maxEvents = options.maxEventsPerStream ?? 500;
    this.maxStreams = options.maxStreams ?? 100;
    this.epoch = options.epoch ?? randomBytes(6).toString("hex");
    if (!/^[A-Za-z0-9]+$/.test(this.epoch))
      throw new Error("An event store epoch is letters and digits only.");
    this.requestIds = options.requestIds ?? (() => []);
  }

  async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
    const index = this.indexOf(streamId);
    const seq = ++this.seq;
    const ids = index === 0 ? [] : this.requestIds();
    const id = `${this.epoch}.${index}.${seq}${ids.length > 0 ? `.${encodeIds(ids)}` : ""}`;
    const events = this.streams.get(streamId) ?? [];
    // Re-insert so Map order is least recently written first.
    this.streams.delete(streamId);
    this.streams.set(streamId, events);
    events.push({ seq, id, message: isPriming(message) ? null : message });
    if (events.length > this.maxEvents) events.splice(0, events.length - this.maxEvents);
    while (this.streams.size > this.maxStreams) {
      const oldest = this.streams.keys().next().value as StreamId;
      this.streams.delete(oldest);
    }
    return id;
  }

  async getStreamIdForEventId(eventId: EventId): Promise<StreamId | undefined> {
    const parsed = parseId(eventId);
    if (!parsed) return undefined;
    if (parsed.epoch !== this.epoch) return foreignStreamId(parsed);
    const streamId = this.streamByIndex.get(parsed.index);
    return streamId !== undefined && this.streams.has(streamId) ? streamId : undefined;
  }

  async replayEventsAfter(
    lastEventId: EventId,
    { send }: { send: (eventId: EventId, message: JSONRPCMessage) => Promise<void> },
  ): Promise<StreamId> {
    const parsed = parseId(lastEventId);
    if (!parsed) return "";
    if (parsed.epoch !== this.epoch) return this.answerInterrupted(parsed, send);
    const streamId = await this.getStreamIdForEventId(lastEventId);
    if (streamId === undefined) return "";
    // Snapshot: events stored while replaying are sent live by the transport.
    const pending = (this.streams.get(streamId) ?? []).filter(
      (e) => e.seq > parsed.seq && e.message !== null,
    );
    for (const event of pending) await send(event.id, event.message as JSONRPCMessage);
    return streamId;
  }

  /** Events currently kept, over every stream (for tests and introspection). */
  get size(): number {
    let total = 0;
    for (const events of this.streams.values()) total += events.length;
    return total;
  }

  private async answerInterrupted(
    parsed: ParsedId,
    send: (eventId: EventId, message: JSONRPCMessage) => Promise<void>,
  ): Promise<StreamId> {
    const streamId = foreignStreamId(parsed);
    for (const id of parsed.requestIds) {
      const message: JSONRPCMessage = {
        jsonrpc: "2.0",
        id,
        error: {
          code: INTERRUPTED_REQUEST,
          message:
            "Interrupted: the coordinator instance running this request stopped before answering. It may or may not have taken effect; the session is still valid, so retry the call (read first if it must not run twice).",
          data: { retryable: true },
        },
      };
      // Stored here, so a second resume of this stream replays the answer from this process.
      await send(await this.storeEvent(streamId, message), message);
    }
    return streamId;
  }

  private indexOf(streamId: StreamId): number {
    let index = this.streamIndex.get(streamId);
    if (index === undefined) {
      index = this.streamIndex.size;
      this.streamIndex.set(streamId, index);
      this.streamByIndex.set(index, streamId);
    }
    return index;
  }
}

interface ParsedId {
  readonly raw: EventId;
  readonly epoch: string;
  readonly index: number;
  readonly seq: number;
  readonly requestIds: readonly RequestId[];
}

/** A stream of another process, as this one names it: the standalone stream keeps the SDK's name. */
function foreignStreamId(parsed: ParsedId): StreamId {
  return parsed.index === 0 ? STANDALONE_STREAM : `resumed:${parsed.raw}`;
}

function isPriming(message: JSONRPCMessage): boolean {
  return typeof message === "object" && message !== null && Object.keys(message).length === 0;
}

function encodeIds(ids: readonly RequestId[]): string {
  return Buffer.from(JSON.stringify(ids)).toString("base64url");
}

function decodeIds(encoded: string | undefined): RequestId[] | null {
  if (encoded === undefined) return [];
  try {
    const ids: unknown = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
    if (!Array.isArray(ids) || ids.length > 100) return null;
    return ids.every((id) => typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))
      ? (ids as RequestId[])
      : null;
  } catch {
    return null;
  }
}

function parseId(eventId: EventId): ParsedId | null {
  const match = /^([A-Za-z0-9]+)\.(\d{1,9})\.(\d{1,15})(?:\.([A-Za-z0-9_-]{1,4096}))?$/.exec(eventId);
  if (!match) return null;
  const requestIds = decodeIds(match[4]);
  if (requestIds === null) return null;
  return {
    raw: eventId,
    epoch: match[1] as string,
    index: Number(match[2]),
    seq: Number(match[3]),
    requestIds,
  };
}
