import { describe, expect, it } from "vitest";
import {
  clearedCookie,
  cookieNames,
  loginSetCookie,
  readCookie,
  sessionSetCookie,
} from "./session-cookie.js";

const attributes = (line: string) => line.split(";").map((part) => part.trim().toLowerCase());

describe("the dashboard's cookies", () => {
  it("carry the __Host- prefix and Secure over https, plain names over http://localhost", () => {
    const https = cookieNames("https://coord.acme.test");
    expect(https).toEqual({ session: "__Host-mcpc_session", login: "__Host-mcpc_login", secure: true });
    const line = sessionSetCookie(https, "sid", 3_600_000);
    expect(line.startsWith("__Host-mcpc_session=sid;")).toBe(true);
    // What a browser requires of a __Host- cookie: Secure, Path=/, no Domain (RFC 6265bis §4.1.3.2).
    expect(attributes(line)).toEqual(expect.arrayContaining(["secure", "path=/"]));
    expect(attributes(line).some((a) => a.startsWith("domain="))).toBe(false);
    const http = cookieNames("http://localhost:3100");
    expect(http).toEqual({ session: "mcpc_session", login: "mcpc_login", secure: false });
    expect(attributes(sessionSetCookie(http, "sid", 1000))).not.toContain("secure");
  });

  it("keep the session cookie from scripts and from every request another site starts", () => {
    const line = sessionSetCookie(cookieNames("http://localhost:3100"), "sid", 12 * 3_600_000);
    expect(attributes(line)).toEqual(
      expect.arrayContaining(["httponly", "samesite=strict", "path=/", "max-age=43200"]),
    );
  });

  it("let the sign-in binding ride the provider's cross-site redirect back (Lax), briefly", () => {
    const line = loginSetCookie(cookieNames("https://coord.acme.test"), "bind", 600_000);
    expect(attributes(line)).toEqual(
      expect.arrayContaining(["httponly", "samesite=lax", "secure", "max-age=600"]),
    );
  });

  it("are cleared with the same name and path and Max-Age=0", () => {
    const names = cookieNames("https://coord.acme.test");
    const line = clearedCookie(names, names.session);
    expect(line.startsWith("__Host-mcpc_session=;")).toBe(true);
    expect(attributes(line)).toEqual(expect.arrayContaining(["max-age=0", "path=/", "secure"]));
  });

  it("are read from a Cookie header among others, and an empty value counts as none", () => {
    expect(readCookie({ cookie: "a=1; mcpc_session=sid; b=2" }, "mcpc_session")).toBe("sid");
    expect(readCookie({ cookie: "mcpc_session=" }, "mcpc_session")).toBeNull();
    expect(readCookie({ cookie: "other=1" }, "mcpc_session")).toBeNull();
    expect(readCookie({}, "mcpc_session")).toBeNull();
  });
});
