import type { IdKind, Ids } from "../ports/ids.js";

const PREFIX: Record<IdKind, string> = {
  agent: "agent",
  announcement: "A",
  thread: "T",
  message: "M",
  proposal: "P",
  inbox: "I",
  activity: "F",
};

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const LENGTH = 10;
/** The largest multiple of 36 in a byte: bytes at or above it are skipped, so every digit is uniform. */
const UNBIASED_BELOW = 252;

/**
 * Random bytes drawn from the platform's CSPRNG a kilobyte at a time: an announce asks for a few ids,
 * and one `randomUUID` + BigInt conversion per id was ~9 µs of it.
 */
class RandomBytePool {
  readonly #bytes = new Uint8Array(1024);
  #next = this.#bytes.length;

  byte(): number {
    if (this.#next === this.#bytes.length) {
      globalThis.crypto.getRandomValues(this.#bytes);
      this.#next = 0;
    }
    return this.#bytes[this.#next++] as number;
  }
}

const pool = new RandomBytePool();

/**
 * Short random ids (`T-k3f9x2m1qz`: 10 base-36 digits, about 52 bits) that stay unique across
 * coordinator instances sharing a database, yet are short enough for a model to copy back into a tool
 * call.
 */
export const randomIds: Ids = {
  next(kind) {
    let id = `${PREFIX[kind]}-`;
    for (let digits = 0; digits < LENGTH; ) {
      const byte = pool.byte();
      if (byte >= UNBIASED_BELOW) continue;
      id += ALPHABET[byte % 36];
      digits += 1;
    }
    return id;
  },
};
