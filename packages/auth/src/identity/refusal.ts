import type { IdentityRefusal } from "@mcp-coordinator/core";

export const REALM = "mcp-coordinator";
const CREATE_HINT = "create one with `mcp-coordinator token create --user <user> --org <org>`";

/** RFC 7230 quoted-string: backslash-escape `"` and `\`. */
const quote = (value: string): string => `"${value.replace(/["\\]/g, "\\$&")}"`;

/**
 * No credentials at all: per RFC 6750 §3.1 the challenge carries no error code, only the realm.
 */
export function missingToken(transport: "http" | "mqtt"): IdentityRefusal {
  const where =
    transport === "http" ? "send `Authorization: Bearer <token>`" : "send the token as the MQTT password";
  return {
    reason: "unauthenticated",
    message: `This coordinator runs in jwt mode: ${where}; ${CREATE_HINT}.`,
    headers: { "WWW-Authenticate": `Bearer realm=${quote(REALM)}` },
  };
}

/**
 * A token that is malformed, expired, revoked or no longer backed by a membership: `invalid_token`
 * [RFC 6750 §3.1], answered with 401 and this challenge [RFC 6750 §3].
 */
export function invalidToken(description: string, next = CREATE_HINT): IdentityRefusal {
  return {
    reason: "unauthenticated",
    message: `${description}; ${next}.`,
    headers: {
      "WWW-Authenticate": `Bearer realm=${quote(REALM)}, error="invalid_token", error_description=${quote(description)}`,
    },
  };
}

/** The Authorization header's scheme is not Bearer [RFC 6750 §2.1]: a bad request, answered as 401 with `invalid_request`. */
export function wrongScheme(): IdentityRefusal {
  const description = "The Authorization header must use the Bearer scheme";
  return {
    reason: "unauthenticated",
    message: `${description}: \`Authorization: Bearer <token>\`; ${CREATE_HINT}.`,
    headers: {
      "WWW-Authenticate": `Bearer realm=${quote(REALM)}, error="invalid_request", error_description=${quote(description)}`,
    },
  };
}
