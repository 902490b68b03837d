import { describe, expect, it } from "vitest";
import { csrfMatches, csrfTokenFor } from "./csrf-token.js";

describe("the dashboard's CSRF token", () => {
  const session = "a-session-id-of-256-random-bits-0123456789a";

  it("is the same for the same session, so a reload gets the token the server will check", () => {
    expect(csrfTokenFor(session)).toBe(csrfTokenFor(session));
    expect(csrfTokenFor(session)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("matches only its own session", () => {
    expect(csrfMatches(session, csrfTokenFor(session))).toBe(true);
    expect(csrfMatches(session, csrfTokenFor(`${session}x`))).toBe(false);
  });

  it("refuses a missing, empty, truncated or padded token", () => {
    const token = csrfTokenFor(session);
    for (const presented of [null, "", token.slice(1), `${token}=`, token.toUpperCase()]) {
      expect(csrfMatches(session, presented), String(presented)).toBe(false);
    }
  });

  it("does not reveal the session id", () => {
    expect(csrfTokenFor(session)).not.toContain(session.slice(0, 8));
  });
});
