/**
 * Paths pino blanks out wherever they appear in a log object (fast-redact, compiled once): credentials
 * in headers, in request bodies and in config objects, one and two levels deep.
 */
export const REDACT_PATHS: readonly string[] = [
  ...["authorization", "cookie", "set-cookie", "x-api-key", "proxy-authorization", "x-csrf-token"].flatMap(
    (h) => [`headers["${h}"]`, `req.headers["${h}"]`, `*.headers["${h}"]`],
  ),
  ...[
    "token",
    "accessToken",
    "access_token",
    "refreshToken",
    "refresh_token",
    "secret",
    "password",
    "jwt",
    // The dashboard's session id and its CSRF token (oauth mode).
    "sessionId",
    "csrfToken",
    "csrf_token",
  ].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  "jwtSecret",
  "*.jwtSecret",
  "connectionString",
  "*.connectionString",
];

/** A JSON Web Token (three base64url parts, the first a JOSE header: `eyJ`), a bearer credential, a URL password. */
const SECRET_IN_TEXT =
  /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*|(Bearer\s+)[^\s"',;]+|(:\/\/[^:/@\s]+:)[^@\s]+@/gi;

/** The same text with every token-looking part replaced; what pino's hooks run over messages and strings. */
export function scrubSecrets(text: string): string {
  if (!text.includes("eyJ") && !/bearer|:\/\//i.test(text)) return text;
  return text.replace(SECRET_IN_TEXT, (_match, bearer?: string, userinfo?: string) =>
    bearer ? `${bearer}[Redacted]` : userinfo ? `${userinfo}[Redacted]@` : "[Redacted]",
  );
}

/**
 * Scrubs the string values of a log object (and of its errors' messages and stacks, and the strings in
 * its arrays: a list of headers or arguments), two levels deep.
 */
export function scrubObject(value: Record<string, unknown>, depth = 0): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    const next = scrubValue(item, depth);
    if (next !== item) {
      out ??= { ...value };
      out[key] = next;
    }
  }
  return out ?? value;
}

function scrubValue(item: unknown, depth: number): unknown {
  if (typeof item === "string") return scrubSecrets(item);
  if (item instanceof Error)
    return { type: item.name, message: scrubSecrets(item.message), stack: scrubSecrets(item.stack ?? "") };
  if (depth >= 2 || item === null || typeof item !== "object") return item;
  if (Array.isArray(item)) {
    const scrubbed = item.map((element) => scrubValue(element, depth + 1));
    return scrubbed.some((element, i) => element !== item[i]) ? scrubbed : item;
  }
  return scrubObject(item as Record<string, unknown>, depth + 1);
}
