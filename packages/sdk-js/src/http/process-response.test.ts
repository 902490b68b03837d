import { REST_OUTPUTS } from "@mcp-coordinator/core/wire";
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConflictError,
  InvalidResponseError,
  RateLimitError,
  ServerError,
} from "../errors.js";
import { processResponse, type RawResponse } from "./process-response.js";
import { parseRetryAfter } from "./retry-after.js";

function raw(status: number, body: unknown, headers: Record<string, string> = {}): RawResponse {
  return {
    status,
    headers: new Headers(headers),
    text: typeof body === "string" ? body : JSON.stringify(body),
  };
}
const acked = { schema: REST_OUTPUTS["POST /api/inbox/ack"], validate: true };

describe("processResponse", () => {
  it("returns the validated answer of a 200", () => {
    expect(processResponse(raw(200, { acked: 2 }), acked)).toEqual({ acked: 2 });
  });

  it("maps the error envelope to a typed error with code, details and status", () => {
    const error = (() => {
      try {
        processResponse(
          raw(409, {
            error: { code: "TASK_ALREADY_CLAIMED", message: "taken", details: { threadId: "T-1" } },
          }),
          acked,
        );
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      code: "TASK_ALREADY_CLAIMED",
      message: "taken",
      details: { threadId: "T-1" },
      status: 409,
      retryAfterMs: null,
    });
  });

  it("reads Retry-After on a 429 as milliseconds", () => {
    const envelope = { error: { code: "RATE_LIMITED", message: "slow down", details: {} } };
    expect(() => processResponse(raw(429, envelope, { "retry-after": "3" }), acked)).toThrow(RateLimitError);
    try {
      processResponse(raw(429, envelope, { "retry-after": "3" }), acked);
    } catch (e) {
      expect((e as RateLimitError).retryAfterMs).toBe(3000);
    }
  });

  it("names a refusal without an envelope by its status", () => {
    expect(() => processResponse(raw(401, "nope"), acked)).toThrow(AuthenticationError);
    try {
      processResponse(raw(502, "<html>bad gateway</html>"), acked);
    } catch (e) {
      expect(e).toBeInstanceOf(ServerError);
      expect((e as ServerError).code).toBe("HTTP_502");
    }
  });

  it("refuses an answer outside the wire contract, naming the field", () => {
    expect(() => processResponse(raw(200, { acked: "two" }), acked)).toThrow(/at acked/);
    expect(() => processResponse(raw(200, "not json"), acked)).toThrow(InvalidResponseError);
  });

  it("trusts the answer when validation is off", () => {
    expect(processResponse(raw(200, { acked: "two" }), { ...acked, validate: false })).toEqual({
      acked: "two",
    });
  });

  it("accepts the extra statuses a route answers with its own body", () => {
    const body = { status: "not_ready", checks: {} };
    const schema = REST_OUTPUTS["GET /health/ready"];
    expect(processResponse(raw(503, body), { schema, validate: true, alsoOk: [503] })).toEqual(body);
    expect(() => processResponse(raw(503, body), { schema, validate: true })).toThrow(ServerError);
  });
});

describe("parseRetryAfter", () => {
  it("reads delay-seconds and HTTP dates, and ignores garbage", () => {
    expect(parseRetryAfter("120")).toBe(120_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});
