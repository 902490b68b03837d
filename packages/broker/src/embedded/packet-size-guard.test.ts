import { describe, expect, it } from "vitest";
import { MqttFrameScanner } from "./packet-size-guard.js";

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
