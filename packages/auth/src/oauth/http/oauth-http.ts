import type { HeaderBag } from "@mcp-coordinator/core";

/** A request as the host hands it to the OAuth routes: the body already read (bounded by the host). */
export interface OAuthHttpRequest {
  readonly method: string;
  /** Absolute, on the public origin. */
  readonly url: URL;
  readonly headers: HeaderBag;
  readonly body: string;
  /** Who is asking, for lockouts and rate limits: the client address as the host sees it. */
  readonly clientKey: string;
}

export interface OAuthHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** `Set-Cookie` lines, one header each [RFC 6265 §3: never folded into one]. */
  readonly setCookies?: readonly string[];
}

/** The same answer with cookies set (or cleared) on it. */
export function withCookies(response: OAuthHttpResponse, cookies: readonly string[]): OAuthHttpResponse {
  return { ...response, setCookies: [...(response.setCookies ?? []), ...cookies] };
}

/** Token responses and errors must not be cached [RFC 6749 §5.1]. */
const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): OAuthHttpResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...NO_STORE, ...headers },
    body: JSON.stringify(body),
  };
}

export function redirect(location: string): OAuthHttpResponse {
  return { status: 302, headers: { location, ...NO_STORE }, body: "" };
}

export function header(req: OAuthHttpRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : (value as string | undefined);
}

/** A form body [RFC 6749 appendix B]; token and revocation requests must send one. */
export function formOf(req: OAuthHttpRequest): URLSearchParams | null {
  const type = header(req, "content-type")?.split(";")[0]?.trim().toLowerCase();
  return type === "application/x-www-form-urlencoded" ? new URLSearchParams(req.body) : null;
}
