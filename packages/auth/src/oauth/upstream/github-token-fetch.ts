/**
 * GitHub answers token-endpoint errors (`bad_verification_code`, `incorrect_client_credentials`,
 * `bad_refresh_token`, `authorization_pending` …) with HTTP 200 and an `error` member. oauth4webapi would
 * see a 200 without `access_token` and report only "invalid response"; this fetch re-issues such a body
 * as a 400, so oauth4webapi raises a ResponseBodyError carrying GitHub's own error code [RFC 6749 §5.2].
 */
export function githubTokenFetch(base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (response.status !== 200) return response;
    const type = response.headers.get("content-type") ?? "";
    if (!type.includes("json")) return response;
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    const isError =
      typeof body === "object" && body !== null && typeof (body as { error?: unknown }).error === "string";
    return new Response(text, {
      status: isError ? 400 : 200,
      statusText: isError ? "Bad Request" : response.statusText,
      headers: response.headers,
    });
  };
}
