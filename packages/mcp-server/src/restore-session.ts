import type { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";

/**
 * Brings a fresh transport and server to where the session's own were after its handshake, by replaying
 * the client's recorded initialize request and its `notifications/initialized` through them: the SDK's
 * own code negotiates the same protocol version and keeps the same client capabilities and info, and the
 * transport takes the session id (its generator returns the recorded one). Nothing of it reaches the
 * client; the transport's answers are read and dropped.
 */
export async function restoreSession(
  transport: WebStandardStreamableHTTPServerTransport,
  sessionId: string,
  initialize: Readonly<Record<string, unknown>>,
): Promise<void> {
  const init = await transport.handleRequest(
    post({ jsonrpc: "2.0", id: `restore-${sessionId}`, method: "initialize", params: initialize }),
  );
  const answer = await init.text();
  if (!init.ok || !answer.includes('"result"')) {
    throw new Error(`replaying initialize answered ${init.status}: ${answer.slice(0, 200)}`);
  }
  if (transport.sessionId !== sessionId)
    throw new Error("the transport did not take the recorded session id");
  const initialized = await transport.handleRequest(
    post({ jsonrpc: "2.0", method: "notifications/initialized" }, sessionId),
  );
  await initialized.text();
  if (initialized.status !== 202)
    throw new Error(`replaying notifications/initialized answered ${initialized.status}`);
}

function post(message: unknown, sessionId?: string): Request {
  return new Request("http://localhost/mcp", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...(sessionId ? { "mcp-session-id": sessionId } : {}),
    },
    body: JSON.stringify(message),
  });
}
