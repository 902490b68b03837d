import type { EventId, EventStore, StreamId } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

export interface BoundedEventStoreOptions {
  /** Events kept per stream; older ones are dropped first. */
  readonly maxEventsPerStream?: number;
  /** Streams kept; the least recently written stream is dropped first. */
  readonly maxStreams?: number;
}

interface StoredEvent {
  readonly seq: number;
  readonly id: EventId;
  /** Null for a priming event: it carries no message and is never replayed. */
  readonly message: JSONRPCMessage | null;
}

/**
 * Resumability for one session's Streamable HTTP transport (spec: Transports, "Resumability and
 * Redelivery"). Event ids are `<stream index>.<sequence>`: the sequence is monotonic across the store, so
 * ordering never depends on timestamps, and the stream is found from the id even when the stream id
 * itself contains separators (the SDK's standalone stream is `_GET_stream`). Replays every event of the
 * same stream after the given one, priming events excepted.
 */
export class BoundedEventStore implements EventStore {
  private readonly streams = new Map<StreamId, StoredEvent[]>();
  private readonly streamIndex = new Map<StreamId, number>();
  private readonly streamByIndex = new Map<number, StreamId>();
  private seq = 0;
  private readonly maxEvents: number;
  private readonly maxStreams: number;

  constructor(options: BoundedEventStoreOptions = {}) {
    this.maxEvents = options.maxEventsPerStream ?? 500;
    this.maxStreams = options.maxStreams ?? 100;
  }

  async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
    const index = this.indexOf(streamId);
    const seq = ++this.seq;
    const id = `${index}.${seq}`;
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
    const streamId = this.streamByIndex.get(parsed.index);
    return streamId !== undefined && this.streams.has(streamId) ? streamId : undefined;
  }

  async replayEventsAfter(
    lastEventId: EventId,
    { send }: { send: (eventId: EventId, message: JSONRPCMessage) => Promise<void> },
  ): Promise<StreamId> {
    const streamId = await this.getStreamIdForEventId(lastEventId);
    const parsed = parseId(lastEventId);
    if (streamId === undefined || !parsed) return "";
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

  private indexOf(streamId: StreamId): number {
    let index = this.streamIndex.get(streamId);
    if (index === undefined) {
      index = this.streamIndex.size + 1;
      this.streamIndex.set(streamId, index);
      this.streamByIndex.set(index, streamId);
    }
    return index;
  }
}

function isPriming(message: JSONRPCMessage): boolean {
  return typeof message === "object" && message !== null && Object.keys(message).length === 0;
}

function parseId(eventId: EventId): { index: number; seq: number } | null {
  const match = /^(\d+)\.(\d+)$/.exec(eventId);
  return match ? { index: Number(match[1]), seq: Number(match[2]) } : null;
}
