import { describe, expect, it } from "vitest";
import { createLogger } from "./create-logger.js";
import { runInRequest } from "./request-context.js";

const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsIm9yZyI6ImFjbWUifQ.c2lnbmF0dXJlLXBhcnQtMTIzNDU2";

function capture() {
  const lines: string[] = [];
  const logger = createLogger({
    level: "trace",
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { logger, text: () => lines.join("") };
}

describe("log redaction", () => {
  it("blanks credential fields and scrubs token-looking text from messages, fields and errors", () => {
    const { logger, text } = capture();
    logger.info(
      {
        headers: {
          authorization: `Bearer ${JWT}`,
          cookie: "sid=s3cr3t-cookie",
          "x-csrf-token": "csrf-header-value",
        },
      },
      "request",
    );
    logger.info({ session: { sessionId: "session-id-value", csrf_token: "csrf-field-value" } }, "session");
    logger.info(
      { token: "opaque-token-value", config: { jwtSecret: "the-hmac-secret", password: "hunter2" } },
      "cfg",
    );
    logger.warn(`refused Bearer ${JWT} for alice`);
    logger.error({ err: new Error(`verify failed for ${JWT}`) }, "boom");
    logger.info({ url: "postgres://coord:db-pass-123@db:5432/coord" }, "store");
    logger.info(
      { args: ["--token", `Bearer ${JWT}`], nested: { urls: ["redis://u:arr-pass-9@r:6379"] } },
      "list",
    );
    const out = text();
    for (const secret of [
      JWT,
      "s3cr3t-cookie",
      "csrf-header-value",
      "session-id-value",
      "csrf-field-value",
      "opaque-token-value",
      "the-hmac-secret",
      "hunter2",
      "db-pass-123",
      "arr-pass-9",
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain("[Redacted]");
    expect(out).toContain("refused Bearer [Redacted] for alice");
    expect(out).toContain("postgres://coord:[Redacted]@db:5432/coord");
  });

  it("adds the request id to every line logged while a request is served, and none outside", async () => {
    const { logger, text } = capture();
    await runInRequest({ requestId: "req-42" }, async () => {
      await Promise.resolve();
      logger.child({ component: "http" }).info("inside");
    });
    logger.info("outside");
    const [inside, outside] = text()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(inside).toMatchObject({ msg: "inside", reqId: "req-42", component: "http" });
    expect(outside?.reqId).toBeUndefined();
  });
});
