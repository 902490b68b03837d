import type { z } from "zod";
import { processResponse } from "./process-response.js";
import { sendRequest, type Transport } from "./transport.js";

/** Per-call options every method takes. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface RouteRequest {
  readonly path: string;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  /** Statuses besides 200 whose body is still the route's answer. */
  readonly alsoOk?: readonly number[];
}

/**
 * One round trip to a "METHOD path" route: sends the request, maps a refusal to a typed error and (when
 * `validate`) checks the answer against the route's core/wire schema. Shared by the REST and hook methods.
 */
export async function callRoute<S extends z.ZodType>(
  transport: Transport,
  route: string,
  schema: S,
  validate: boolean,
  request: RouteRequest,
  options: CallOptions | undefined,
): Promise<z.infer<S>> {
  const method = route.slice(0, route.indexOf(" ")) as "GET" | "POST";
  const raw = await sendRequest(transport, {
    method,
    path: request.path,
    ...(request.query ? { query: request.query } : {}),
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(options?.signal ? { signal: options.signal } : {}),
  });
  return processResponse(raw, {
    schema,
    validate,
    ...(request.alsoOk ? { alsoOk: request.alsoOk } : {}),
  });
}
