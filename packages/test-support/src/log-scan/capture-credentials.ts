import { rememberSecret } from "./test-log-dir.js";

/**
 * A vitest setup file: every credential a test sends or receives over HTTP (Authorization headers,
 * tokens in JSON answers) is remembered for the final log scan, without each test listing its tokens.
 * The MCP and SDK clients in these tests go through the same global fetch.
 */
const BEARER = /^Bearer\s+(.+)$/i;
const TOKEN_FIELDS =
  /"(?:access_token|refresh_token|id_token|device_code|token|secret|csrf_token)"\s*:\s*"([^"]{16,})"/g;

/** Cookie values (`name=value` pairs of a Cookie header, or the first pair of a Set-Cookie line). */
function rememberCookies(text: string | null): void {
  if (text === null) return;
  for (const pair of text.split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0) rememberSecret(pair.slice(eq + 1));
  }
}

function rememberHeaders(headers: ConstructorParameters<typeof Headers>[0]): void {
  if (headers === undefined) return;
  const bag = new Headers(headers);
  const value = bag.get("authorization");
  const bearer = value === null ? null : BEARER.exec(value);
  if (bearer) rememberSecret(bearer[1]);
  // Dashboard sessions: the session cookie and its CSRF token are credentials too.
  rememberCookies(bag.get("cookie"));
  rememberSecret(bag.get("x-csrf-token"));
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
  for (const line of response.headers.getSetCookie()) rememberCookies(line.split(";")[0] ?? null);
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
