import {
  ClientMetadataError,
  createMetadataDocumentFetcher,
  type MetadataDocumentFetcher,
} from "@mcp-coordinator/auth";
import type { DocumentHost } from "../../auth/test/oauth/document-host.js";

/** The client_id Claude Code sends when the authorization server advertises CIMD. */
export const CLAUDE_CODE_CLIENT_ID = "https://claude.ai/oauth/claude-code-client-metadata";

/**
 * Stands in for https://claude.ai (the machine is offline): Claude Code's client ID metadata document,
 * with the shape Anthropic publishes (port-less loopback redirect URIs, a public client), served by a
 * real https host in the test and fetched through the production fetcher; any other URL is unreachable.
 */
export function claudeCodeDocumentFetcher(host: DocumentHost): MetadataDocumentFetcher {
  const path = "/oauth/claude-code-client-metadata";
  host.serve(path, {
    headers: { "cache-control": "max-age=3600" },
    body: {
      client_id: CLAUDE_CODE_CLIENT_ID,
      client_name: "Claude Code",
      client_uri: "https://claude.ai",
      redirect_uris: ["http://localhost/callback", "http://127.0.0.1/callback"],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    },
  });
  const fetchDocument = createMetadataDocumentFetcher({ allowPrivateAddresses: true, ca: host.ca });
  return async (url) => {
    if (url.href === CLAUDE_CODE_CLIENT_ID) return fetchDocument(new URL(path, host.origin));
    throw new ClientMetadataError("CIMD_UNREACHABLE", `${url.href} is not reachable from this offline test.`);
  };
}
