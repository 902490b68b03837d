import { createRevocationSignal } from "@mcp-coordinator/auth";
import type { Principal } from "@mcp-coordinator/core";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { SseWriter } from "../http/sse-writer.js";
import { closeRevokedConnections, revokes, tokenIdOf } from "./close-revoked.js";

/** A JWT-shaped string whose payload carries `jti` (the signature is never looked at here). */
const jwt = (jti: string) => `h.${Buffer.from(JSON.stringify({ jti, sub: "x" })).toString("base64url")}.s`;

function stream(orgId: string, userId: string, credential: string | null) {
  const s = { owner: { orgId, userId, credential }, closed: false, close: () => {} };
  s.close = () => {
    s.closed = true;
  };
  return s;
}

describe("closeRevokedConnections", () => {
  it("closes, at the signal, the streams, MCP sessions and MQTT clients holding a revoked token, and only those", async () => {
    const signal = createRevocationSignal();
    const a1 = stream("acme", "alice", `Bearer ${jwt("t1")}`);
    const a2 = stream("acme", "alice", `Bearer ${jwt("t2")}`);
    const b = stream("acme", "bob", `Bearer ${jwt("t3")}`);
    const mqtt: Array<{ principal: Principal; credential: string; closed: boolean }> = [
      {
        principal: { orgId: "acme", userId: "alice", role: "agent", agentId: null },
        credential: jwt("t1"),
        closed: false,
      },
      {
        principal: { orgId: "acme", userId: "bob", role: "agent", agentId: null },
        credential: jwt("t3"),
        closed: false,
      },
    ];
    const ended: string[] = [];
    closeRevokedConnections(
      signal,
      {
        sseStreams: [a1, a2, b] as unknown as SseWriter[],
        endMcpSessions: async (match) => {
          for (const [id, auth] of [
            ["m1", `Bearer ${jwt("t1")}`],
            ["m3", `Bearer ${jwt("t3")}`],
          ] as const)
            if (match({ orgId: "acme", userId: id === "m1" ? "alice" : "bob", authorization: auth }))
              ended.push(id);
          return ended.length;
        },
        disconnectMqtt: (match) => {
          let n = 0;
          for (const c of mqtt) {
            if (!match(c.principal, c.credential)) continue;
            c.closed = true;
            n += 1;
          }
          return n;
        },
      },
      pino({ level: "silent" }),
    );
    signal.emit({ orgId: "acme", tokenIds: ["t1"], userId: null, reason: "token_revoked" });
    expect([a1.closed, a2.closed, b.closed]).toEqual([true, false, false]);
    expect(mqtt.map((c) => c.closed)).toEqual([true, false]);
    await Promise.resolve();
    expect(ended).toEqual(["m1"]);
    signal.emit({ orgId: "acme", tokenIds: ["t3"], userId: "bob", reason: "member_removed" });
    expect(b.closed).toBe(true);
    expect(a2.closed).toBe(false);
  });

  it("never crosses orgs, and reads the jti of a header or a bare token", () => {
    const revocation = {
      orgId: "acme",
      tokenIds: ["t1"],
      userId: "alice",
      reason: "member_removed",
    } as const;
    expect(revokes(revocation, "globex", "alice", jwt("t1"))).toBe(false);
    expect(revokes(revocation, "acme", "alice", null)).toBe(true);
    expect(revokes(revocation, "acme", "bob", jwt("t9"))).toBe(false);
    expect(revokes({ ...revocation, userId: null }, "acme", "carol", `bearer ${jwt("t1")}`)).toBe(true);
    expect(tokenIdOf("Bearer not-a-jwt")).toBeNull();
    expect(tokenIdOf(null)).toBeNull();
  });
});
