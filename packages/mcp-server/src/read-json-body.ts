import type { IncomingMessage } from "node:http";

export type JsonBodyRead =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly status: number; readonly code: number; readonly message: string };

/**
 * Reads and parses a POST body, at most `limit` bytes whatever Content-Length claims. The handler needs
 * the parsed messages before the transport does: their request ids tag the stream's event ids (see
 * BoundedEventStore), and an initialize request's params are recorded for other instances.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<JsonBodyRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) {
      req.resume();
      return {
        ok: false,
        status: 413,
        code: -32000,
        message: `Request body too large (limit ${limit} bytes).`,
      };
    }
    chunks.push(buffer);
  }
  try {
    return { ok: true, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown };
  } catch (error) {
    return {
      ok: false,
      status: 400,
      code: -32700,
      message: `Parse error: the body is not JSON (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
}
