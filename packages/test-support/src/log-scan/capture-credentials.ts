import { rememberSecret } from "./test-log-dir.js";

/**
 * A vitest setup file: every credential a test sends or receives over HTTP (Authorization headers,
 * tokens in JSON answers) is remembered for the final log scan, without each test listing its tokens.
 * The MCP and SDK clients in these tests go through the same global fetch.
 */
const BEARER = /^Bearer\s+(.+)$/i;
const TOKEN_FIELDS =
  /"(?:access_token|refresh_token|id_token|device_code|token|secret)"\s*:\s*"([^"]{16,})"/g;

function rememberHeaders(headers: ConstructorParameters<typeof Headers>[0]): void {
  if (headers === undefined) return;
  const value = new Headers(headers).get("authorization");
  const bearer = value === null ? null : BEARER.exec(value);
  if (bearer) rememberSecret(bearer[1]);
}

function rememberBody(text: string): void {
  for (const match of text.matchAll(TOKEN_FIELDS)) rememberSecret(match[1]);
}

const originalFetch = globalThis.fetch;
globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
  if (input instanceof Request) rememberHeaders(input.headers);
  rememberHeaders(init?.headers);
  if (typeof init?.body === "string") rememberBody(init.body);
  else if (init?.body instanceof URLSearchParams) rememberBody(JSON.stringify(Object.fromEntries(init.body)));
  const response = await originalFetch(input, init);
  // Only small JSON answers: streams (SSE, MCP) are left alone.
  const type = response.headers.get("content-type") ?? "";
  const length = Number(response.headers.get("content-length") ?? "0");
  if (type.includes("application/json") && length < 65_536) {
    void response
      .clone()
      .text()
      .then(rememberBody, () => {});
  }
  return response;
};
