import { describe, expect, it } from "vitest";
import { checkPublishPayload, MAX_PUBLISH_PAYLOAD_BYTES } from "./publish-payload.js";

describe("mqtt_publish payloads", () => {
  it("are refused above the broker's packet cap, naming the size and the cap", () => {
    const big = "x".repeat(MAX_PUBLISH_PAYLOAD_BYTES);
    expect(() => checkPublishPayload({ big })).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        details: expect.objectContaining({ field: "payload" }),
      }),
    );
    expect(() => checkPublishPayload("x".repeat(MAX_PUBLISH_PAYLOAD_BYTES - 2))).not.toThrow();
  });

  it("count bytes, not characters", () => {
    expect(() => checkPublishPayload("é".repeat(MAX_PUBLISH_PAYLOAD_BYTES / 2))).toThrow(/bytes as JSON/);
  });

  it("are refused with a NUL or a lone surrogate in any string or key", () => {
    expect(() => checkPublishPayload({ a: ["ok", { b: "x\u0000" }] })).toThrow(/NUL/);
    expect(() => checkPublishPayload({ "k\u0000": 1 })).toThrow(/NUL/);
    expect(() => checkPublishPayload("\udc00")).toThrow(/lone surrogate/);
    expect(() => checkPublishPayload({ a: [1, true, null, "line\nbreak"] })).not.toThrow();
  });
});
