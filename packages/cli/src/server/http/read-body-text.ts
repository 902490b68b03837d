import type { IncomingMessage } from "node:http";
import { HttpError } from "./http-error.js";

/**
 * Reads a request body as text, at most `maxBytes` (COORDINATOR_MAX_BODY_BYTES): a declared length over
 * the cap is refused before reading, a body that grows past it is cut off. For protocol routes whose
 * bodies are not JSON (OAuth's form-encoded token requests).
 */
export async function readBodyText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  const tooLarge = () =>
    new HttpError(
      "PAYLOAD_TOO_LARGE",
      `The body is larger than ${maxBytes} bytes (COORDINATOR_MAX_BODY_BYTES).`,
      {
        maxBytes,
      },
    );
  if (declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
