import { Duplex } from "node:stream";

/**
 * Reads MQTT fixed headers [MQTT-2.2] as bytes go by and reports the first packet whose total size
 * exceeds the cap. Aedes' parser has no size limit; without this a client could make the broker buffer
 * up to the protocol's 256 MB per packet [MQTT-2.2.3].
 */
export class MqttFrameScanner {
  readonly #max: number;
  #state: "header" | "length" | "body" = "header";
  #length = 0;
  #multiplier = 1;
  #lengthBytes = 0;
  #bodyLeft = 0;

  constructor(maxPacketSize: number) {
    this.#max = maxPacketSize;
  }

  /** Feeds bytes; returns the size of an oversized packet as soon as its header shows it, else null. */
  scan(chunk: Uint8Array): number | null {
    let i = 0;
    while (i < chunk.length) {
      if (this.#state === "header") {
        i += 1;
        this.#state = "length";
        this.#length = 0;
        this.#multiplier = 1;
        this.#lengthBytes = 0;
      } else if (this.#state === "length") {
        const byte = chunk[i] as number;
        i += 1;
        this.#length += (byte & 0x7f) * this.#multiplier;
        this.#multiplier *= 128;
        this.#lengthBytes += 1;
        if ((byte & 0x80) === 0 || this.#lengthBytes === 4) {
          const total = 1 + this.#lengthBytes + this.#length;
          if (total > this.#max) return total;
          this.#bodyLeft = this.#length;
          this.#state = this.#bodyLeft === 0 ? "header" : "body";
        }
      } else {
        const take = Math.min(this.#bodyLeft, chunk.length - i);
        i += take;
        this.#bodyLeft -= take;
        if (this.#bodyLeft === 0) this.#state = "header";
      }
    }
    return null;
  }
}

export class PacketTooLargeError extends Error {
  override readonly name = "PacketTooLargeError";
  constructor(
    readonly size: number,
    readonly max: number,
  ) {
    super(`MQTT packet of ${size} bytes exceeds the ${max}-byte cap; connection closed.`);
  }
}

/**
 * Wraps a client connection so inbound bytes pass the frame scanner before Aedes sees them; an oversized
 * packet destroys the connection (the client's will then fires, as for any unclean loss).
 */
export function guardPacketSize(
  inner: Duplex,
  maxPacketSize: number,
  onTooLarge: (size: number) => void,
): Duplex {
  const scanner = new MqttFrameScanner(maxPacketSize);
  const outer = new Duplex({
    read() {
      inner.resume();
    },
    write(chunk, _encoding, callback) {
      inner.write(chunk, callback);
    },
    // mqtt-packet writes one packet as several small chunks (header, length, topic, payload) between a
    // cork and an uncork. Without writev they would leave one by one, each waiting for the previous
    // write's callback: several syscalls, TCP segments or WebSocket frames per packet. One write instead.
    writev(chunks, callback) {
      inner.write(
        chunks.length === 1
          ? (chunks[0]?.chunk as Buffer)
          : Buffer.concat(chunks.map((c) => c.chunk as Buffer)),
        callback,
      );
    },
    final(callback) {
      inner.end(callback);
    },
    destroy(error, callback) {
      inner.destroy();
      callback(error);
    },
  });
  inner.on("data", (chunk: Buffer) => {
    const oversized = scanner.scan(chunk);
    if (oversized !== null) {
      onTooLarge(oversized);
      inner.destroy();
      outer.destroy(new PacketTooLargeError(oversized, maxPacketSize));
      return;
    }
    if (!outer.push(chunk)) inner.pause();
  });
  inner.on("end", () => outer.push(null));
  inner.on("error", (error) => outer.destroy(error));
  inner.on("close", () => outer.destroy());
  return outer;
}
