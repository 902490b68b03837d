import { NetworkError } from "../errors.js";

/**
 * A form POST to an OAuth endpoint [RFC 6749 §4.1.3, §6]; the JSON answer and status, whatever the
 * status. Its own file with no imports but the SDK's errors, so the refresh path stays Node-only.
 */
export async function postForm(
  fetchFn: typeof fetch,
  endpoint: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  let response: Response;
  try {
    response = await fetchFn(endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(form),
    });
  } catch (error) {
    throw new NetworkError({ code: "NETWORK_ERROR", message: `Could not reach ${endpoint}.`, cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as unknown;
  return {
    status: response.status,
    body: typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {},
  };
}
