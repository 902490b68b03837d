import { NetworkError } from "../errors.js";
import type { RawResponse } from "./process-response.js";

/** Where a request goes and who it acts as; every call of one client shares it. */
export interface Transport {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:3100`. */
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  /** The bearer token for this request, or null in open mode. Called per request so refreshes apply. */
  readonly token: () => Promise<string | null>;
  /** Sent as `X-Agent-Id` (the agent a REST call acts as); null for calls not bound to an agent. */
  readonly agentId: string | null;
}

export interface SendOptions {
  readonly method: "GET" | "POST" | "DELETE";
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** The agent identity header the server reads (cli rest-context.ts, AGENT_ID_HEADER). */
export const AGENT_ID_HEADER = "x-agent-id";

/** Builds the request headers: bearer token, agent id, and JSON content type on writes. */
export async function requestHeaders(
  transport: Transport,
  extra: Readonly<Record<string, string>> = {},
  hasBody = false,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = { accept: "application/json", ...extra };
  // The server refuses state changes without application/json (a CSRF guard), even when the body is {}.
  if (hasBody) headers["content-type"] = "application/json";
  const token = await transport.token();
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (transport.agentId !== null) headers[AGENT_ID_HEADER] = transport.agentId;
  return headers;
}

export function buildUrl(baseUrl: string, path: string, query?: Readonly<Record<string, string>>): string {
  // Relative to the base, so a base with a path prefix (https://host/coordinator) keeps it.
  const url = new URL(path.replace(/^\/+/, ""), `${baseUrl}/`);
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
  return url.toString();
}

/** The I/O half: one request, its whole body read as text; network failures become NetworkError. */
export async function sendRequest(transport: Transport, options: SendOptions): Promise<RawResponse> {
  const hasBody = options.body !== undefined;
  const headers = await requestHeaders(transport, options.headers, hasBody);
  let response: Response;
  try {
    response = await transport.fetch(buildUrl(transport.baseUrl, options.path, options.query), {
      method: options.method,
      headers,
      ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw new NetworkError({
      code: "NETWORK_ERROR",
      message: `${options.method} ${options.path} got no answer: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
  return { status: response.status, headers: response.headers, text: await response.text() };
}
