import { MemoryStore } from "@mcp-coordinator/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { createLogger } from "../src/server/log/create-logger.js";
import { startTestServer } from "./helpers.js";

const SECRET = "redaction-session-secret-0123456789-abcdefgh";

let server: CoordinatorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe("logs of a jwt-mode session", () => {
  it("never contain a token or the secret, and tag each request's lines with its X-Request-Id", async () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: "trace",
      destination: { write: (l: string) => void lines.push(l) },
    });
    server = await startTestServer({
      auth: "jwt",
      env: { COORDINATOR_JWT_SECRET: SECRET },
      store: new MemoryStore(),
      logger,
      mcpHandler: undefined,
    });
    const auth = server.auth;
    if (!auth) throw new Error("jwt mode built no auth stack");
    await auth.directory.createOrg({ orgId: "acme" });
    await auth.directory.addMember({ orgId: "acme", userId: "alice", role: "agent" });
    await auth.directory.addMember({ orgId: "acme", userId: "olga", role: "operator" });
    const alice = (await auth.issuer.issueToken({ orgId: "acme", userId: "alice" })).token;
    const olga = await auth.issuer.issueToken({ orgId: "acme", userId: "olga" });
    const forged = `${alice.slice(0, -4)}AAAA`;
    const call = (path: string, token: string, init: RequestInit = {}, requestId?: string) =>
      fetch(`${server?.url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          ...(requestId ? { "x-request-id": requestId } : {}),
        },
      });

    const ok = await call("/api/agents", alice, {}, "trace-abc-123");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-request-id")).toBe("trace-abc-123");
    const generated = await call("/api/agents", alice, {}, "bad id with spaces");
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await call("/api/agents", forged)).status).toBe(401);
    expect((await call("/api/threads/nope", olga.token)).status).toBe(404);
    expect((await call("/api/hooks/pre-edit", alice, { method: "POST", body: "{not json" })).status).toBe(
      400,
    );
    const mcp = await fetch(server.mcpUrl, {
      method: "POST",
      headers: {
        authorization: `Bearer ${alice}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      }),
    });
    expect(mcp.status).toBe(200);
    await auth.directory.revokeToken({ orgId: "acme", tokenId: olga.info.id });
    expect((await call("/api/agents", olga.token)).status).toBe(401);
    await server.close();
    server = null;

    const text = lines.join("");
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [alice, forged, olga.token, SECRET, alice.split(".")[2] as string])
      expect(text).not.toContain(secret);
    const tagged = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.reqId === "trace-abc-123");
    expect(tagged.some((l) => l.msg === "request" && l.path === "/api/agents")).toBe(true);
  });
});
