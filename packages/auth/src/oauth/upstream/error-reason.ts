import * as oauth from "oauth4webapi";

/** One line saying why an upstream call failed: the provider's own error code when it sent one. */
export function upstreamErrorReason(error: unknown): string {
  if (error instanceof oauth.AuthorizationResponseError || error instanceof oauth.ResponseBodyError)
    return `${error.error}: ${error.error_description ?? ""}`.trim();
  if (error instanceof Error) return error.message;
  return String(error);
}
