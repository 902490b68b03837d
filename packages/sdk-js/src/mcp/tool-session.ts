import { TOOL_INPUTS, TOOL_OUTPUTS, type ToolName, type ToolOutput } from "@mcp-coordinator/core/wire";
import type { z } from "zod";
import { InvalidResponseError, ToolCallError } from "../errors.js";
import { createSseParser } from "../events/sse-parser.js";
import { refusal } from "../http/process-response.js";
import { requestHeaders, type Transport } from "../http/transport.js";
import { validateInput } from "../validate-input.js";

/** The MCP revision this client speaks (Streamable HTTP transport, structured tool output). */
export const MCP_PROTOCOL_VERSION = "2025-06-18";

/** What a tool accepts: its core/wire input schema's input side (defaults may be left out). */
export type ToolArguments<N extends ToolName> = z.input<(typeof TOOL_INPUTS)[N]>;

interface JsonRpcResponse {
  readonly id?: number | string | null;
  readonly result?: Record<string, unknown>;
  readonly error?: { readonly code: number; readonly message: string };
}

export interface ToolSession {
  /** Calls one coordination tool; the answer is its structured output, typed by `TOOL_OUTPUTS`. */
  call<N extends ToolName>(
    name: N,
    input: ToolArguments<N>,
    options?: { signal?: AbortSignal },
  ): Promise<ToolOutput<N>>;
  /** Ends the MCP session (DELETE /mcp); the agent it registered goes offline unless another session holds it. */
  close(): Promise<void>;
}

/**
 * A minimal MCP client over Streamable HTTP (MCP spec, Basic → Transports → Streamable HTTP): initialize,
 * then `tools/call` with the session id. One session is one agent: the server binds the session to the
 * agent its `register_agent` call names, so an orchestrator uses one client per worker. A session the
 * server forgot (404, spec: "Session Management") is started again once, transparently.
 */
export function createToolSession(transport: Transport, validateResponses: boolean): ToolSession {
  let sessionId: string | null = null;
  let starting: Promise<string> | null = null;
  let nextId = 1;

  async function post(body: unknown, session: string | null, signal?: AbortSignal) {
    const headers = await requestHeaders(
      transport,
      {
        accept: "application/json, text/event-stream",
        ...(session === null
          ? {}
          : { "mcp-session-id": session, "mcp-protocol-version": MCP_PROTOCOL_VERSION }),
      },
      true,
    );
    try {
      return await transport.fetch(`${transport.baseUrl}/mcp`, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw new ToolCallError({
        code: "NETWORK_ERROR",
        message: `/mcp got no answer: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    }
  }

  /** The JSON-RPC answer to request `id`, from a JSON body or the first matching SSE event. */
  async function answer(response: Response, id: number): Promise<JsonRpcResponse> {
    const text = await response.text();
    if (response.status !== 200) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {}
      throw refusal({ status: response.status, headers: response.headers, text }, json);
    }
    const bodies = (response.headers.get("content-type") ?? "").includes("text/event-stream")
      ? createSseParser()
          .feed(`${text}\n\n`)
          .map((m) => m.data)
      : [text];
    for (const body of bodies) {
      try {
        const message = JSON.parse(body) as JsonRpcResponse;
        if (message.id === id) return message;
      } catch {}
    }
    throw new InvalidResponseError({
      code: "INVALID_RESPONSE",
      message: `/mcp did not answer request ${id}.`,
      status: response.status,
    });
  }

  async function start(): Promise<string> {
    const id = nextId++;
    const response = await post(
      {
        jsonrpc: "2.0",
        id,
        method: "initialize",
        params: {
          protocolVersion: MCP_PROTOCOL_VERSION,
          capabilities: {},
          clientInfo: { name: "@mcp-coordinator/sdk", version: "0.1.0" },
        },
      },
      null,
    );
    const reply = await answer(response, id);
    const session = response.headers.get("mcp-session-id");
    if (reply.error || session === null) {
      throw new InvalidResponseError({
        code: "INVALID_RESPONSE",
        message: `MCP initialize failed: ${reply.error?.message ?? "no mcp-session-id header"}`,
      });
    }
    const ack = await post({ jsonrpc: "2.0", method: "notifications/initialized" }, session);
    await ack.text();
    return session;
  }

  async function session(): Promise<string> {
    if (sessionId !== null) return sessionId;
    starting ??= start().finally(() => {
      starting = null;
    });
    sessionId = await starting;
    return sessionId;
  }

  async function callOnce(name: string, args: unknown, signal?: AbortSignal): Promise<JsonRpcResponse> {
    const id = nextId++;
    const current = await session();
    const response = await post(
      { jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } },
      current,
      signal,
    );
    if (response.status === 404) {
      await response.text();
      if (sessionId === current) sessionId = null;
      throw new SessionGone();
    }
    return answer(response, id);
  }

  return {
    async call(name, input, options) {
      const args = validateInput(name, TOOL_INPUTS[name], input ?? {});
      let reply: JsonRpcResponse;
      try {
        reply = await callOnce(name, args, options?.signal);
      } catch (error) {
        if (!(error instanceof SessionGone)) throw error;
        reply = await callOnce(name, args, options?.signal);
      }
      if (reply.error) {
        throw new ToolCallError({
          code: "TOOL_PROTOCOL_ERROR",
          message: reply.error.message,
          details: { name },
        });
      }
      const result = reply.result ?? {};
      if (result.isError === true) throw toolRefusal(name, result);
      const structured = result.structuredContent;
      if (!validateResponses) return structured as ToolOutput<typeof name>;
      const parsed = TOOL_OUTPUTS[name].safeParse(structured);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InvalidResponseError({
          code: "INVALID_RESPONSE",
          message: `${name} answered outside its output schema at ${issue?.path.join(".") || "(result)"}: ${issue?.message ?? "invalid"}`,
          details: { name },
        });
      }
      return parsed.data as ToolOutput<typeof name>;
    },
    async close() {
      const current = sessionId;
      sessionId = null;
      if (current === null) return;
      const headers = await requestHeaders(transport, { "mcp-session-id": current });
      try {
        const response = await transport.fetch(`${transport.baseUrl}/mcp`, { method: "DELETE", headers });
        await response.text();
      } catch {
        // Ending a session is a courtesy: the server evicts idle sessions anyway.
      }
    },
  };
}

class SessionGone extends Error {}

/** A tool refusal's text is "CODE: message" (mcp-server tool-error.ts). */
function toolRefusal(name: string, result: Record<string, unknown>): ToolCallError {
  const content = Array.isArray(result.content) ? result.content : [];
  const first = content[0] as { text?: unknown } | undefined;
  const text = typeof first?.text === "string" ? first.text : "";
  const match = /^([A-Z][A-Z0-9_]*): ([\s\S]*)$/.exec(text);
  return new ToolCallError({
    code: match?.[1] ?? "TOOL_FAILED",
    message: match?.[2] ?? (text || `${name} failed.`),
    details: { name },
  });
}
