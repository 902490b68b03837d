import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { HttpError } from "./http-error.js";
import { readJsonBody } from "./read-json-body.js";

const body = (text: string, headers: Record<string, string>) =>
  Object.assign(Readable.from(text === "" ? [] : [Buffer.from(text)]), {
    headers,
  }) as unknown as IncomingMessage;

describe("readJsonBody", () => {
  it("refuses a missing or non-JSON content type even when the body is empty", async () => {
    const cases: Record<string, string>[] = [
      {},
      { "content-type": "application/x-www-form-urlencoded" },
      { "content-type": "text/plain" },
    ];
    for (const headers of cases) {
      const error = await readJsonBody(body("", headers), 1024).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    }
  });

  it("reads an empty JSON body as {} and parses a JSON one", async () => {
    expect(await readJsonBody(body("", { "content-type": "application/json" }), 1024)).toEqual({});
    expect(
      await readJsonBody(body('{"a":1}', { "content-type": "application/json; charset=utf-8" }), 1024),
    ).toEqual({ a: 1 });
  });
});
