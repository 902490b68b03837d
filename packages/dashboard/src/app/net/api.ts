import type { RestResponse } from "@mcp-coordinator/core/wire";
import { csrfHeaders } from "./session.js";
import { authHeaders, markRefused } from "./token.js";

export type Health = RestResponse<"GET /health">;

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, {
    cache: "no-store",
    headers: { accept: "application/json", ...authHeaders() },
  });
  if (res.status === 401) markRefused();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export const fetchSnapshot = () => getJson<RestResponse<"GET /api/snapshot">>("/api/snapshot");
export const fetchHealth = () => getJson<Health>("/health");
export const fetchThread = (id: string) =>
  getJson<RestResponse<"GET /api/threads/:id">>(`/api/threads/${encodeURIComponent(id)}`).then(
    (r) => r.thread,
  );

export const fetchQuota = () => getJson<RestResponse<"GET /api/quota">>("/api/quota");

/** POST /api/quota/refresh: the new quota record, or the server's message when it refused. */
export async function refreshQuota(): Promise<RestResponse<"POST /api/quota/refresh"> | string> {
  try {
    const res = await fetch("/api/quota/refresh", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...authHeaders(),
        ...csrfHeaders(),
      },
      body: "{}",
    });
    if (res.status === 401) markRefused();
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (res.ok && body) return body as RestResponse<"POST /api/quota/refresh">;
    return (body?.error as { message?: string } | undefined)?.message ?? `HTTP ${res.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export type OperatorAction = "messages" | "approve" | "contest" | "cancel";

/** One operator move on a thread; resolves to null when accepted, else the server's message. */
export async function postOperatorAction(
  threadId: string,
  action: OperatorAction,
  body: Record<string, unknown>,
): Promise<string | null> {
  try {
    const res = await fetch(`/api/threads/${encodeURIComponent(threadId)}/${action}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...authHeaders(),
        ...csrfHeaders(),
      },
      body: JSON.stringify(body),
    });
    if (res.ok) return null;
    if (res.status === 401) markRefused();
    const error = (await res.json().catch(() => null)) as {
      error?: { message?: string };
      message?: string;
    } | null;
    return error?.error?.message ?? error?.message ?? `HTTP ${res.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
