import type { Identity, Principal } from "@mcp-coordinator/core";

/**
 * An Identity for tests of the identity seam, no token machinery behind it: `Bearer good` is `principal`,
 * `Bearer forbidden` is a known caller refused here (403), anything else is unknown (401 with a
 * `WWW-Authenticate` challenge, RFC 6750 §3).
 */
export function bearerTestIdentity(principal: Principal, mode = "bearer-test"): Identity {
  return {
    mode,
    identify: async (credentials) => {
      const auth = credentials.headers?.authorization;
      if (auth === "Bearer good") return { ok: true, principal };
      if (auth === "Bearer forbidden")
        return { ok: false, refusal: { reason: "forbidden", message: "not in this org" } };
      return {
        ok: false,
        refusal: {
          reason: "unauthenticated",
          message: "send a bearer token",
          headers: { "www-authenticate": 'Bearer realm="coordinator"' },
        },
      };
    },
  };
}
