import type { Readable, Writable } from "node:stream";
import { type Coordinator, OPEN_PRINCIPAL, type Principal } from "@mcp-coordinator/core";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { ToolLogger } from "../call-tool.js";
import { createSessionServer } from "../create-session-server.js";
import type { ToolProfile } from "../profiles.js";
import { SessionIdentity } from "../session-identity.js";

export interface ServeStdioOptions {
  readonly coordinator: Coordinator;
  readonly principal?: Principal;
  readonly profile?: ToolProfile;
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  /** Logs go to stderr: stdout carries only protocol. */
  readonly logger?: ToolLogger;
}

export interface StdioSession {
  /** Resolves when the client disconnects (stdin ends) or `close()` is called. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * One MCP session over stdio, served in-process by this coordinator. When the client goes away the
 * session's agent goes offline, as with an HTTP session's DELETE.
 */
export async function serveStdio(options: ServeStdioOptions): Promise<StdioSession> {
  const { coordinator } = options;
  const identity = new SessionIdentity(options.principal ?? OPEN_PRINCIPAL);
  const log: ToolLogger =
    options.logger ?? ((level, message) => process.stderr.write(`[mcp-coordinator] ${level}: ${message}\n`));
  const session = createSessionServer({ coordinator, identity, profile: options.profile ?? "full", log });
  const transport = new StdioServerTransport(options.stdin, options.stdout);
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let ending = false;
  const end = async () => {
    if (ending) return;
    ending = true;
    await session.close();
    const { orgId, agentId } = identity;
    if (agentId !== null)
      await coordinator.markAgentOffline(orgId, agentId, "stdio session closed").catch(() => {});
    resolveClosed();
  };
  transport.onclose = () => void end();
  await session.server.connect(transport);
  (options.stdin ?? process.stdin).once("end", () => void end());
  return { closed, close: end };
}
