import { errorEnvelope } from "@mcp-coordinator/core/wire";
import type { z } from "zod";
import { type CoordinatorClientError, errorClassForStatus, InvalidResponseError } from "../errors.js";
import { parseRetryAfter } from "./retry-after.js";

/** What the I/O half hands over: nothing here touches the network, so every branch is unit-tested. */
export interface RawResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly text: string;
}

export interface ProcessOptions<S extends z.ZodType> {
  /** The route's 200 answer in core/wire. */
  readonly schema: S;
  /** Statuses besides 200 whose body is still the route's answer (503 of /health/ready). */
  readonly alsoOk?: readonly number[];
  /** Check the answer against the schema (default) or trust it. */
  readonly validate: boolean;
}

/**
 * Decides what an HTTP answer means: the route's typed answer, or a typed error built from the error
 * envelope (core/wire error.ts). Answers are validated because the SDK and the server are released on
 * their own: a drifted server shows up as one INVALID_RESPONSE naming the field, not as an `undefined`
 * three calls later.
 */
export function processResponse<S extends z.ZodType>(
  raw: RawResponse,
  options: ProcessOptions<S>,
): z.infer<S> {
  const ok = raw.status === 200 || (options.alsoOk ?? []).includes(raw.status);
  const json = parseJson(raw);
  if (!ok) throw refusal(raw, json);
  if (json === undefined) {
    throw new InvalidResponseError({
      code: "INVALID_RESPONSE",
      message: `The server answered ${raw.status} without a JSON body.`,
      status: raw.status,
    });
  }
  if (!options.validate) return json as z.infer<S>;
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "(body)";
    throw new InvalidResponseError({
      code: "INVALID_RESPONSE",
      message: `The server's answer does not match the wire contract at ${field}: ${issue?.message ?? "invalid"}. Are the SDK and the server the same version?`,
      details: {
        field,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      },
      status: raw.status,
    });
  }
  return parsed.data;
}

function parseJson(raw: RawResponse): unknown {
  if (raw.text.trim() === "") return undefined;
  try {
    return JSON.parse(raw.text);
  } catch {
    return undefined;
  }
}

/** A non-200 answer as a typed error: the envelope's code when there is one, else one named by status. */
export function refusal(raw: RawResponse, json: unknown): CoordinatorClientError {
  const ErrorClass = errorClassForStatus(raw.status);
  const retryAfterMs = parseRetryAfter(raw.headers.get("retry-after"));
  const envelope = errorEnvelope.safeParse(json);
  if (envelope.success) {
    const { code, message, details } = envelope.data.error;
    return new ErrorClass({ code, message, details, status: raw.status, retryAfterMs });
  }
  return new ErrorClass({
    code: `HTTP_${raw.status}`,
    message: `The server answered ${raw.status} without an error envelope.`,
    details: { body: raw.text.slice(0, 500) },
    status: raw.status,
    retryAfterMs,
  });
}
