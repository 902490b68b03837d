import { parseWireEvent, toWireEvent } from "@mcp-coordinator/core/wire";
import { describe, expect, it } from "vitest";
import { SAMPLE_EVENTS } from "../../test/support/sample-events.js";
import { decodeEvent, encodeEvent, fromWireEvent, snakeToCamel } from "./event-codec.js";

describe("event codec", () => {
  for (const [type, event] of Object.entries(SAMPLE_EVENTS)) {
    it(`round-trips ${type} through its MQTT payload`, () => {
      const decoded = decodeEvent(encodeEvent(event));
      expect(decoded).toEqual({ ok: true, wire: toWireEvent(event), event });
    });
  }

  it("puts agent_id and timestamp in every payload", () => {
    for (const event of Object.values(SAMPLE_EVENTS)) {
      const json = JSON.parse(encodeEvent(event).toString());
      expect(json).toHaveProperty("agent_id", event.actorId);
      expect(json).toHaveProperty("timestamp", event.at);
    }
  });

  it("leaves a raw payload's keys as the publisher wrote them", () => {
    const wire = toWireEvent(SAMPLE_EVENTS["message.published"]);
    expect(fromWireEvent(wire)).toMatchObject({
      payload: { someKey: { nested_key: [1, "two"] }, camelCase: true },
    });
  });

  it("inverts core's camelToSnake", () => {
    expect(snakeToCamel("waiting_on_thread_id")).toBe("waitingOnThreadId");
    expect(snakeToCamel("seq")).toBe("seq");
  });

  it.each([
    ["not json", "{nope", "payload is not JSON"],
    ["an array", "[1]", "payload is not a JSON object"],
    ["an unknown type", JSON.stringify({ type: "thread.exploded" }), "unknown event type thread.exploded"],
    [
      "no org",
      JSON.stringify({ type: "file.activity", agent_id: "a", timestamp: 1, seq: 1 }),
      "org_id missing",
    ],
    [
      "a numeric agent",
      JSON.stringify({ type: "file.activity", org_id: "o", agent_id: 3, timestamp: 1, seq: 1 }),
      "agent_id must be a string or null",
    ],
    [
      "no timestamp",
      JSON.stringify({ type: "file.activity", org_id: "o", agent_id: null, seq: 1 }),
      "timestamp missing",
    ],
    [
      "no seq",
      JSON.stringify({ type: "file.activity", org_id: "o", agent_id: null, timestamp: 1 }),
      "seq missing",
    ],
  ])("refuses %s without throwing", (_label, payload, reason) => {
    expect(decodeEvent(payload)).toEqual({ ok: false, reason });
    expect(parseWireEvent(Buffer.from(payload))).toEqual({ ok: false, reason });
  });
});
