import { request } from "node:http";
import { bearerTestIdentity } from "@mcp-coordinator/test-support";
import { afterEach, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { startTestServer } from "./helpers.js";

let server: CoordinatorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const bearer = bearerTestIdentity({ userId: "u1", orgId: "acme", role: "admin", agentId: null });

const json = { "content-type": "application/json" };

describe("the identity seam on HTTP", () => {
  it("asks the Identity on REST, SSE, snapshot, hook and operator routes and maps its refusals", async () => {
    server = await startTestServer({ identity: bearer });
    const routes: Array<[string, string]> = [
      ["GET", "/api/snapshot"],
      ["GET", "/api/events"],
      ["GET", "/api/agents"],
      ["POST", "/api/agents/register"],
      ["POST", "/api/hooks/session"],
      ["POST", "/api/threads/T-1/approve"],
    ];
    for (const [method, path] of routes) {
      const init = method === "POST" ? { method, headers: json, body: "{}" } : { method };
      const anonymous = await fetch(`${server.url}${path}`, init);
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="coordinator"');
      expect(await anonymous.json()).toEqual({
        error: { code: "UNAUTHORIZED", message: "send a bearer token", details: {} },
      });
      const other = await fetch(`${server.url}${path}`, {
        ...init,
        headers: { ...(init.headers ?? {}), authorization: "Bearer forbidden" },
      });
      expect(other.status, `${method} ${path}`).toBe(403);
      expect(await other.json()).toMatchObject({ error: { code: "FORBIDDEN", message: "not in this org" } });
    }
    const agents = await fetch(`${server.url}/api/agents`, { headers: { authorization: "Bearer good" } });
    expect(agents.status).toBe(200);
  });

  it("shows the Identity's mode in /health", async () => {
    server = await startTestServer({ identity: bearer });
    expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({ mode: "bearer-test" });
    await server.close();
    server = await startTestServer();
    expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({ mode: "open" });
  });
});

describe("the browser guard on HTTP", () => {
  it("refuses a foreign Host or Origin in the standard envelope, and a POST that is not JSON with 415", async () => {
    server = await startTestServer();
    const rebound = await rawRequest(server.port, "GET", "/api/snapshot", {
      host: `evil.test:${server.port}`,
    });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: "CROSS_ORIGIN_REFUSED" } });
    const foreign = await fetch(`${server.url}/api/snapshot`, { headers: { origin: "http://evil.test" } });
    expect(foreign.status).toBe(403);
    const own = await fetch(`${server.url}/api/snapshot`, { headers: { origin: server.url } });
    expect(own.status).toBe(200);
    const empty = await fetch(`${server.url}/api/threads/T-1/cancel`, { method: "POST" });
    expect(empty.status).toBe(415);
    expect(await empty.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
  });

  it("refuses a /mqtt upgrade from another origin with a raw 403 and one line", async () => {
    server = await startTestServer({ bus: undefined });
    const answer = await rawUpgrade(server.port, { origin: "http://evil.test" });
    expect(answer).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(answer).toContain("Origin http://evil.test is not allowed");
    expect(await rawUpgrade(server.port, {})).toMatch(/^HTTP\/1\.1 101 /);
  });

  it("stays on when bound to 0.0.0.0 and says in /health that no --allowed-hosts is set", async () => {
    server = await startTestServer({ bind: "0.0.0.0", insecureOpenOnNetwork: true });
    const health = (await (await fetch(`${server.url}/health`)).json()) as { warnings: string[] };
    expect(health.warnings.join("\n")).toContain("bound to 0.0.0.0 with no --allowed-hosts");
    const rebound = await rawRequest(server.port, "GET", "/api/snapshot", {
      host: `evil.test:${server.port}`,
    });
    expect(rebound.status).toBe(403);
    await server.close();
    server = await startTestServer({
      bind: "0.0.0.0",
      allowedHosts: "coord.lan",
      insecureOpenOnNetwork: true,
    });
    const named = (await (await fetch(`${server.url}/health`)).json()) as { warnings: string[] };
    expect(named.warnings.join("\n")).not.toContain("--allowed-hosts");
    expect(
      (await rawRequest(server.port, "GET", "/api/snapshot", { host: `coord.lan:${server.port}` })).status,
    ).toBe(200);
  });
});

function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A WebSocket handshake on /mqtt (RFC 6455 §4.1), returning the raw first bytes of the answer. */
function rawUpgrade(port: number, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: "127.0.0.1",
      port,
      path: "/mqtt",
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        "sec-websocket-protocol": "mqtt",
        ...headers,
      },
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve(`HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`);
    });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve(`HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n\r\n${body}`));
    });
    req.on("error", reject);
    req.end();
  });
}
