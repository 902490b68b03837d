import type { IncomingMessage } from "node:http";
import { isJson } from "@mcp-coordinator/mcp-server/browser-guard";
import { HttpError } from "./http-error.js";

/**
 * Reads a JSON request body of at most `maxBytes` (COORDINATOR_MAX_BODY_BYTES). The content type is
 * checked first, even for an empty body: a cross-site HTML form can POST with no body, and only a JSON
 * content type forces a browser into a CORS preflight (Fetch, "CORS-safelisted request-header"). A
 * declared length over the cap is refused before reading; a body that grows past it is cut off. An empty
 * JSON body reads as `{}`.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers["content-type"] ?? "";
  if (!isJson(type)) {
    throw new HttpError(
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the body as JSON with content-type: application/json (even when it is empty).",
      { contentType: type },
    );
  }
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (error) {
    throw new HttpError("INVALID_JSON", `The body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    "PAYLOAD_TOO_LARGE",
    `The body is larger than ${maxBytes} bytes (COORDINATOR_MAX_BODY_BYTES).`,
    { maxBytes },
  );
}
