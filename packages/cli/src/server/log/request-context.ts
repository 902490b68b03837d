import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** What every log line and audit record of one HTTP request carries. */
export interface RequestContext {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` as part of the request: logs and audit records made inside it, however deep, name it. */
export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

/** Printable ASCII without spaces, quotes or separators that could forge a log field; at most 128. */
const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The id of an incoming request: the caller's X-Request-Id when it is sane (a proxy or client that
 * already tagged the request keeps its id end to end), otherwise a fresh UUID.
 */
export function requestIdFor(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_ID.test(value) ? value : randomUUID();
}
