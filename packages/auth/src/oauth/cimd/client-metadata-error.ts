import { CodedError } from "@mcp-coordinator/core";

/** Why a URL client_id [draft-ietf-oauth-client-id-metadata-document-02] could not be used. */
export type ClientMetadataErrorCode =
  | "CIMD_DISABLED"
  | "CIMD_HOST_NOT_ALLOWED"
  | "CIMD_BAD_CLIENT_ID"
  | "CIMD_PRIVATE_ADDRESS"
  | "CIMD_UNREACHABLE"
  | "CIMD_TIMEOUT"
  | "CIMD_REDIRECT"
  | "CIMD_HTTP_STATUS"
  | "CIMD_TOO_LARGE"
  | "CIMD_NOT_JSON"
  | "CIMD_CLIENT_ID_MISMATCH"
  | "CIMD_INVALID_DOCUMENT";

/**
 * A client ID metadata document refused; the message says what was wrong and what the client's author
 * (or the coordinator's admin) can do about it. /authorize shows it on a page, /token answers
 * `invalid_client` with it [draft §5.1].
 */
export class ClientMetadataError extends CodedError<ClientMetadataErrorCode> {
  override readonly name = "ClientMetadataError";
}
