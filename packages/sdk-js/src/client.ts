import type { ToolName, ToolOutput } from "@mcp-coordinator/core/wire";
import { InvalidRequestError } from "./errors.js";
import { type EventStream, type EventsOptions, openEventStream } from "./events/event-stream.js";
import { createHookApi, type HookApi } from "./hook-api.js";
import type { Transport } from "./http/transport.js";
import { createToolSession, type ToolArguments } from "./mcp/tool-session.js";
import { createRestApi, type RestApi } from "./rest-api.js";
import type { TokenProvider, TokenStore } from "./tokens/token-store.js";

export interface ClientOptions {
  /** The coordinator's base URL, e.g. `http://127.0.0.1:3100` (a path prefix is kept). */
  readonly url: string;
  /** A fixed bearer token (jwt mode). Leave out in open mode. */
  readonly token?: string;
  /** Where the token lives; read before every request, so a refresh by another process is picked up. */
  readonly tokenStore?: TokenStore;
  /** Anything that produces a bearer token, e.g. `createTokenManager` (proactive refresh). */
  readonly tokens?: TokenProvider;
  /** The agent REST calls act as (`X-Agent-Id`); `asAgent(id)` makes a bound copy. */
  readonly agentId?: string;
  /** Injectable `fetch` (tests, proxies, other runtimes). Default: the global one. */
  readonly fetch?: typeof fetch;
  /** Check every answer against its core/wire schema (default true; see README "Why answers are validated"). */
  readonly validateResponses?: boolean;
}

export interface CoordinatorClient extends RestApi {
  readonly url: string;
  readonly agentId: string | null;
  /** The /api/hooks routes, one typed method each (what the cli's hook runner sends per client hook event). */
  readonly hooks: HookApi;
  /**
   * Calls a coordination tool over MCP (Streamable HTTP at /mcp): `claim_task`, `complete_task`,
   * `coordinator_status`, … Inputs and outputs are typed by core/wire's TOOL_INPUTS / TOOL_OUTPUTS. The
   * client holds one MCP session, bound to the agent its `register_agent` call names.
   */
  tool<N extends ToolName>(
    name: N,
    input: ToolArguments<N>,
    options?: { signal?: AbortSignal },
  ): Promise<ToolOutput<N>>;
  /**
   * The org's live events (GET /api/events, SSE) as an async iterator: resumes after the last delivered
   * seq on reconnect (with backoff), never yields the same event twice. `afterSeq` replays from there first.
   */
  events(options?: EventsOptions): EventStream;
  /** The same client acting as another agent (own MCP session, shared token source). */
  asAgent(agentId: string): CoordinatorClient;
  /** Ends the MCP session, if one was opened. */
  close(): Promise<void>;
}

export function createClient(options: ClientOptions): CoordinatorClient {
  const url = checkUrl(options.url);
  const sources = [options.token, options.tokenStore, options.tokens].filter((s) => s !== undefined);
  if (sources.length > 1) {
    throw new InvalidRequestError({
      code: "VALIDATION_FAILED",
      message: "Pass one of token, tokenStore or tokens, not several.",
      details: { field: "token" },
    });
  }
  if (options.token !== undefined && options.token.trim() === "") {
    throw new InvalidRequestError({
      code: "VALIDATION_FAILED",
      message: "token is empty.",
      details: { field: "token" },
    });
  }
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const tokenStore = options.tokenStore;
  const token: () => Promise<string | null> = options.tokens
    ? () => (options.tokens as TokenProvider).accessToken()
    : tokenStore
      ? async () => (await tokenStore.load())?.access_token ?? null
      : async () => options.token ?? null;
  return build(url, token, fetchImpl, options.agentId ?? null, options.validateResponses ?? true);
}

function build(
  baseUrl: string,
  token: () => Promise<string | null>,
  fetchImpl: typeof fetch,
  agentId: string | null,
  validate: boolean,
): CoordinatorClient {
  if (agentId !== null && (agentId.trim() === "" || agentId.length > 128)) {
    throw new InvalidRequestError({
      code: "VALIDATION_FAILED",
      message: "agentId must be 1 to 128 characters.",
      details: { field: "agentId" },
    });
  }
  const transport: Transport = { baseUrl, fetch: fetchImpl, token, agentId };
  const tools = createToolSession(transport, validate);
  return {
    ...createRestApi(transport, validate),
    url: baseUrl,
    agentId,
    hooks: createHookApi(transport, validate),
    events: (o) => openEventStream(transport, o),
    tool: async (name, input, o) => tools.call(name, input, o),
    asAgent: (id) => build(baseUrl, token, fetchImpl, id, validate),
    close: () => tools.close(),
  };
}

function checkUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidRequestError({
      code: "VALIDATION_FAILED",
      message: `url is not a URL: ${raw}`,
      details: { field: "url" },
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidRequestError({
      code: "VALIDATION_FAILED",
      message: `url must be http(s), not ${url.protocol}`,
      details: { field: "url" },
    });
  }
  return url.toString().replace(/\/+$/, "");
}
