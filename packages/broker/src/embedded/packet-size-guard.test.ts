import { Duplex } from "node:stream";
import { describe, expect, it } from "vitest";
import { guardPacketSize, MqttFrameScanner } from "./packet-size-guard.js";

/** A PUBLISH-shaped frame: header byte, remaining length (variable byte integer), body. */
function frame(bodyLength: number): Buffer {
  const length: number[] = [];
  let x = bodyLength;
  do {
    let byte = x % 128;
    x = Math.floor(x / 128);
    if (x > 0) byte |= 0x80;
    length.push(byte);
  } while (x > 0);
  return Buffer.concat([Buffer.from([0x30, ...length]), Buffer.alloc(bodyLength, 7)]);
}

describe("MqttFrameScanner", () => {
  it("passes packets under the cap, however the bytes are chunked", () => {
    const scanner = new MqttFrameScanner(1_000);
    const bytes = Buffer.concat([frame(10), frame(0), frame(500), frame(997)]);
    for (let i = 0; i < bytes.length; i += 3) expect(scanner.scan(bytes.subarray(i, i + 3))).toBeNull();
  });

  it("reports an oversized packet from its header, before the body arrives", () => {
    const scanner = new MqttFrameScanner(1_000);
    expect(scanner.scan(frame(10))).toBeNull();
    expect(scanner.scan(frame(200_000).subarray(0, 4))).toBe(1 + 3 + 200_000);
  });

  it("counts the fixed header in the size", () => {
    expect(new MqttFrameScanner(100).scan(frame(98))).toBeNull();
    expect(new MqttFrameScanner(100).scan(frame(99))).toBe(101);
  });
});

describe("guardPacketSize", () => {
  it("passes a corked packet to the connection as one write, not one per chunk", async () => {
    const writes: Buffer[] = [];
    const inner = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        writes.push(chunk);
        callback();
      },
    });
    const outer = guardPacketSize(inner, 1_000, () => {});
    // How mqtt-packet writes a packet: cork, header and body pieces, uncork on the next tick.
    outer.cork();
    outer.write(Buffer.from([0x30, 5]));
    outer.write(Buffer.from([0, 1]));
    outer.write("t");
    outer.write(Buffer.from("ab"));
    await new Promise<void>((resolve) => process.nextTick(resolve));
    outer.uncork();
    await new Promise<void>((resolve) => outer.write(Buffer.alloc(0), () => resolve()));
    expect(writes[0]).toEqual(Buffer.from([0x30, 5, 0, 1, 0x74, 0x61, 0x62]));
  });
});
