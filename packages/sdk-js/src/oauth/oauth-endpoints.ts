import { z } from "zod";
import { DeviceLoginError, NetworkError } from "../errors.js";

/** The authorization server metadata fields the SDK uses [RFC 8414 §2]. */
const metadataSchema = z.object({
  issuer: z.string(),
  token_endpoint: z.string().url(),
  authorization_endpoint: z.string().url().optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  device_authorization_endpoint: z.string().url().optional(),
  registration_endpoint: z.string().url().optional(),
  revocation_endpoint: z.string().url().optional(),
});
export type AuthorizationServerMetadata = z.infer<typeof metadataSchema>;

/** The MCP URL a token is for (its audience): the URL given, or `/mcp` on its origin when it has no path. */
export function mcpResourceOf(url: URL): string {
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}${path === "" ? "/mcp" : path}`;
}

export function parseServerUrl(url: string): URL {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed;
  } catch {}
  throw new TypeError(`url must be the coordinator's http(s) URL (like http://127.0.0.1:3100), not ${url}`);
}

/**
 * Reads the coordinator's RFC 8414 metadata. A coordinator not in oauth mode has none (404): that is
 * reported as OAUTH_UNAVAILABLE with the fix, not as a bare HTTP failure.
 */
export async function discoverAuthorizationServer(
  server: URL,
  fetchFn: typeof fetch,
): Promise<AuthorizationServerMetadata> {
  const at = `${server.origin}/.well-known/oauth-authorization-server`;
  let response: Response;
  try {
    response = await fetchFn(at, { headers: { accept: "application/json" } });
  } catch (error) {
    throw new NetworkError({ code: "NETWORK_ERROR", message: `Could not reach ${at}.`, cause: error });
  }
  const unavailable = (why: string) =>
    new DeviceLoginError({
      code: "OAUTH_UNAVAILABLE",
      status: response.status,
      message: `${server.origin} does not offer OAuth sign-in (${why}); start it with --auth oauth, or use a token from \`mcp-coordinator token issue\`.`,
    });
  if (!response.ok) throw unavailable(`GET ${at} answered ${response.status}`);
  const parsed = metadataSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw unavailable("its metadata is not RFC 8414 JSON");
  return parsed.data;
}
