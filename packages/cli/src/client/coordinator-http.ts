import { request as httpRequest } from "node:http";

export interface HookHttpOptions {
  readonly baseUrl: string;
  readonly agentId?: string;
  readonly token?: string;
  /** The whole request, connect to last byte. */
  readonly timeoutMs: number;
}

/** The coordinator could not be reached (refused, timed out, not HTTP): hooks allow and say so once. */
export class CoordinatorUnreachable extends Error {
  override readonly name = "CoordinatorUnreachable";
}

/** The coordinator answered with an error document (`{ error: { code, message } }`). */
export class CoordinatorRefused extends Error {
  override readonly name = "CoordinatorRefused";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * POSTs JSON with node:http rather than fetch: undici's first use costs tens of milliseconds of start-up,
 * and this runs in a fresh process on every edit. Never outlives `timeoutMs`.
 */
export async function postHookJson<T>(path: string, body: unknown, options: HookHttpOptions): Promise<T> {
  const url = new URL(path, options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  const payload = Buffer.from(JSON.stringify(body));
  // node:https loads TLS, about 10 ms of CPU in a process that lives for one request: only when needed
  // (a local coordinator is plain http). Measured by bench/hook-phases.bench.ts.
  const send = url.protocol === "https:" ? (await import("node:https")).request : httpRequest;
  return new Promise<T>((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": payload.length,
          ...(options.agentId ? { "x-agent-id": options.agentId } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => reject(new CoordinatorUnreachable(e.message)));
        res.on("end", () => {
          clearTimeout(timer);
          let doc: unknown;
          try {
            doc = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          } catch {
            reject(new CoordinatorUnreachable(`${url.origin} answered ${res.statusCode} without JSON`));
            return;
          }
          if ((res.statusCode ?? 500) >= 400) {
            const error = (doc as { error?: { code?: string; message?: string } }).error;
            reject(
              new CoordinatorRefused(
                res.statusCode ?? 500,
                error?.code ?? "HTTP_ERROR",
                error?.message ?? `HTTP ${res.statusCode}`,
              ),
            );
            return;
          }
          resolve(doc as T);
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(new CoordinatorUnreachable(e.message));
    });
    req.end(payload);
  });
}
