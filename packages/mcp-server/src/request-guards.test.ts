import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { checkRebinding, LOCALHOST_NAMES } from "./request-guards.js";

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const localhostOnly = { allowedHosts: LOCALHOST_NAMES, allowedOrigins: LOCALHOST_NAMES };

describe("checkRebinding", () => {
  it("accepts localhost hosts on any port and requests without an Origin", () => {
    expect(checkRebinding(req({ host: "127.0.0.1:3100" }), localhostOnly)).toBeNull();
    expect(
      checkRebinding(req({ host: "[::1]:3100", origin: "http://localhost:5173" }), localhostOnly),
    ).toBeNull();
  });

  it("refuses a rebound hostname and a foreign or null Origin", () => {
    expect(checkRebinding(req({ host: "evil.example:3100" }), localhostOnly)).toMatch(/Host/);
    expect(checkRebinding(req({ host: "localhost", origin: "https://evil.example" }), localhostOnly)).toMatch(
      /Origin/,
    );
    expect(checkRebinding(req({ host: "localhost", origin: "null" }), localhostOnly)).toMatch(/Origin null/);
  });

  it("can be opened up by the host", () => {
    expect(
      checkRebinding(req({ host: "team.example", origin: "https://x.example" }), {
        allowedHosts: null,
        allowedOrigins: null,
      }),
    ).toBeNull();
    expect(
      checkRebinding(req({ host: "team.example", origin: "https://dash.example" }), {
        allowedHosts: ["team.example"],
        allowedOrigins: ["https://dash.example"],
      }),
    ).toBeNull();
  });
});
