import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const HAPROXY = process.env.MCPC_HAPROXY ?? "/usr/sbin/haproxy";

/** A free loopback port (bound then released; the tests start their servers on it right away). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * The configuration the cluster test (and the README's "Running several instances") uses: round robin
 * over the instances with MCP sessions pinned to the instance that created them, a health check on /health/ready every second, a server out after three failed
 * checks (a dead one is also skipped at once by the retries), and a request that could not connect re-sent to another server (`retries` + `redispatch`).
 * SSE and long polls need long client/server timeouts.
 */
export function haproxyConfig(frontPort: number, backends: readonly number[]): string {
  return [
    "global",
    "  maxconn 4096",
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 120s",
    "  timeout server 120s",
    "  timeout tunnel 120s",
    // A busy instance answers its readiness check late; only three misses in a row take it out.
    "  timeout check 3s",
    "  retries 3",
    "  option redispatch",
    "frontend coordinator",
    `  bind 127.0.0.1:${frontPort}`,
    "  default_backend coordinators",
    "backend coordinators",
    "  balance roundrobin",
    // A session's requests go where its initialize went (its streams and in-flight calls live there).
    // When that instance dies they fall through to another, which continues the session from its record
    // in PostgreSQL: no new handshake.
    "  stick-table type string len 64 size 100k expire 30m",
    "  stick on req.hdr(mcp-session-id)",
    "  stick store-response res.hdr(mcp-session-id)",
    "  option httpchk",
    // HTTP/1.1 with a loopback Host: the coordinator's browser guard refuses requests without one.
    "  http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host 127.0.0.1",
    // Which instance answered, for the test's clients (not needed in production).
    "  http-response set-header x-served-by %[srv_name]",
    ...backends.map((port, i) => `  server c${i + 1} 127.0.0.1:${port} check inter 1s fall 3 rise 1`),
    "",
  ].join("\n");
}

export function startHaproxy(dir: string, frontPort: number, backends: readonly number[]): ChildProcess {
  const file = join(dir, "haproxy.cfg");
  writeFileSync(file, haproxyConfig(frontPort, backends));
  // -db: stay in the foreground, so the test owns the process and kills it by its pid.
  return spawn(HAPROXY, ["-db", "-f", file], { stdio: ["ignore", "ignore", "pipe"] });
}
