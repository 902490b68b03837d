import { describe, expect, it } from "vitest";
import {
  checkBrowserRequest,
  checkProtocolRequest,
  createBrowserPolicy,
  hostnameOfHost,
  isJson,
} from "./browser-guard.js";

const policy = createBrowserPolicy({ port: 3100 });
const get = (path: string, headers: Record<string, string>) =>
  checkBrowserRequest({ method: "GET", path, headers }, policy);
const post = (path: string, headers: Record<string, string>) =>
  checkBrowserRequest({ method: "POST", path, headers }, policy);

describe("checkBrowserRequest", () => {
  it("lets non-browser clients on loopback through (no Origin, no fetch metadata)", () => {
    expect(get("/api/snapshot", { host: "127.0.0.1:3100" })).toBeNull();
    expect(get("/api/snapshot", { host: "localhost" })).toBeNull();
    expect(get("/api/snapshot", { host: "[::1]:3100" })).toBeNull();
    expect(
      post("/api/agents/register", { host: "localhost:3100", "content-type": "application/json" }),
    ).toBeNull();
  });

  it("refuses a rebound host name, a missing Host and a malformed one", () => {
    expect(get("/api/snapshot", { host: "evil.test:3100" })).toMatchObject({ status: 403 });
    expect(get("/dashboard/", { host: "evil.test:3100" })?.reason).toMatch(/--allowed-hosts/);
    expect(get("/api/snapshot", {})).toMatchObject({ status: 403 });
    expect(get("/api/snapshot", { host: "evil@localhost" })).toMatchObject({ status: 403 });
  });

  it("accepts only this coordinator's own origin", () => {
    const host = "127.0.0.1:3100";
    expect(
      post("/api/x", { host, origin: "http://127.0.0.1:3100", "content-type": "application/json" }),
    ).toBeNull();
    expect(
      post("/api/x", { host, origin: "http://localhost:3100", "content-type": "application/json" }),
    ).toBeNull();
    for (const origin of [
      "http://127.0.0.1:5173",
      "http://evil.test:3100",
      "null",
      "file://",
      "http://127.0.0.1:3100/path",
      "http://localhost",
    ]) {
      expect(post("/api/x", { host, origin, "content-type": "application/json" }), origin).toMatchObject({
        status: 403,
        code: "CROSS_ORIGIN_REFUSED",
      });
    }
  });

  it("refuses requests another site started, except top-level reads of the dashboard", () => {
    const host = "localhost:3100";
    for (const site of ["cross-site", "same-site"]) {
      expect(get("/api/events", { host, "sec-fetch-site": site }), site).toMatchObject({ status: 403 });
      expect(get("/mcp", { host, "sec-fetch-site": site })).toMatchObject({ status: 403 });
      expect(get("/mqtt", { host, "sec-fetch-site": site })).toMatchObject({ status: 403 });
      expect(get("/dashboard/", { host, "sec-fetch-site": site })).toBeNull();
      expect(get("/", { host, "sec-fetch-site": site })).toBeNull();
    }
    expect(get("/api/events", { host, "sec-fetch-site": "same-origin" })).toBeNull();
    expect(get("/api/events", { host, "sec-fetch-site": "none" })).toBeNull();
  });

  it("requires JSON on every state change, even without a body", () => {
    const host = "localhost:3100";
    expect(post("/api/threads/T-1/approve", { host })).toMatchObject({ status: 415 });
    expect(post("/api/threads/T-1/approve", { host, "content-type": "text/plain" })).toMatchObject({
      status: 415,
    });
    expect(
      post("/api/threads/T-1/approve", { host, "content-type": "application/x-www-form-urlencoded" }),
    ).toMatchObject({ status: 415 });
    for (const method of ["PUT", "PATCH"]) {
      expect(checkBrowserRequest({ method, path: "/api/x", headers: { host } }, policy)).toMatchObject({
        status: 415,
      });
    }
    expect(checkBrowserRequest({ method: "DELETE", path: "/mcp", headers: { host } }, policy)).toBeNull();
    expect(
      checkBrowserRequest(
        { method: "DELETE", path: "/mcp", headers: { host, "content-length": "2" } },
        policy,
      ),
    ).toMatchObject({ status: 415 });
  });

  it("adds configured hosts and the public URL's origin", () => {
    const team = createBrowserPolicy({
      port: 3100,
      allowedHosts: ["coord.lan"],
      publicUrl: "https://coord.example.com",
    });
    const json = { "content-type": "application/json" };
    const check = (headers: Record<string, string>) =>
      checkBrowserRequest({ method: "POST", path: "/api/x", headers: { ...json, ...headers } }, team);
    expect(check({ host: "coord.lan:3100", origin: "http://coord.lan:3100" })).toBeNull();
    expect(check({ host: "coord.example.com", origin: "https://coord.example.com" })).toBeNull();
    expect(check({ host: "coord.example.com", origin: "https://coord.example.com:8443" })).toMatchObject({
      status: 403,
    });
    expect(check({ host: "other.lan:3100" })).toMatchObject({ status: 403 });
  });
});

describe("hostnameOfHost and isJson", () => {
  it("parse what browsers send", () => {
    expect(hostnameOfHost("LocalHost:80")).toBe("localhost");
    expect(hostnameOfHost("[::1]:3100")).toBe("[::1]");
    expect(hostnameOfHost("a b")).toBeNull();
    expect(isJson("application/json; charset=utf-8")).toBe(true);
    expect(isJson("application/merge-patch+json")).toBe(true);
    expect(isJson("application/jsonp")).toBe(false);
    expect(isJson(undefined)).toBe(false);
  });
});

describe("checkProtocolRequest", () => {
  const protocol = (method: string, path: string, headers: Record<string, string>) =>
    checkProtocolRequest({ method, path, headers }, policy);

  it("takes form bodies and cross-site navigations to the OAuth routes", () => {
    const host = "localhost:3100";
    expect(
      protocol("POST", "/oauth/token", { host, "content-type": "application/x-www-form-urlencoded" }),
    ).toBeNull();
    expect(protocol("GET", "/oauth/callback/okta", { host, "sec-fetch-site": "cross-site" })).toBeNull();
  });

  it("still refuses rebound hosts, foreign origins and writes another site starts", () => {
    expect(protocol("GET", "/oauth/authorize", { host: "evil.test:3100" })).toMatchObject({ status: 403 });
    expect(
      protocol("POST", "/oauth/token", { host: "localhost:3100", origin: "https://evil.test" }),
    ).toMatchObject({ status: 403 });
    expect(
      protocol("POST", "/oauth/logout-everywhere", {
        host: "localhost:3100",
        "sec-fetch-site": "cross-site",
      }),
    ).toMatchObject({ status: 403 });
  });
});
