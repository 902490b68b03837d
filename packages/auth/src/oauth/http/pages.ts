import type { OAuthHttpResponse } from "./oauth-http.js";

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The few pages a person sees during sign-in. No script, no external resource; framing is refused
 * (clickjacking, RFC 6749 §10.13) and the content security policy allows nothing but inline styles.
 */
function page(status: number, title: string, bodyHtml: string): OAuthHttpResponse {
  return {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "x-frame-options": "DENY",
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      "referrer-policy": "no-referrer",
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}a.button{display:block;margin:.5rem 0;padding:.75rem 1rem;border:1px solid #888;border-radius:.5rem;text-decoration:none;color:inherit}</style>
</head><body><h1>${escapeHtml(title)}</h1>${bodyHtml}</body></html>`,
  };
}

/** A sign-in that cannot go on, with what to do next. */
export function messagePage(status: number, message: string): OAuthHttpResponse {
  const title = status < 400 ? "mcp-coordinator" : "Sign-in refused";
  return page(status, title, `<p>${escapeHtml(message)}</p>`);
}

/** The application asking for access, as its client metadata document names it. */
export interface AskingClient {
  /** `client_name` from the document; null when it gives none. */
  readonly name: string | null;
  /** The host serving the document: the one part of the client's identity nobody else can claim. */
  readonly host: string;
}

/**
 * The login picker: one button per configured provider. For a client known only by its metadata
 * document, the page says who is asking: the name it gives itself and, prominently, the host that
 * vouches for it (MCP authorization, 2025-11-25, "Client ID Metadata Documents": show the hostname).
 */
export function pickerPage(
  providers: readonly { id: string; name: string }[],
  handle: string,
  asking: AskingClient | null = null,
): OAuthHttpResponse {
  const links = providers
    .map(
      (p) =>
        `<a class="button" href="/oauth/login/${encodeURIComponent(p.id)}?request=${encodeURIComponent(handle)}">Sign in with ${escapeHtml(p.name)}</a>`,
    )
    .join("");
  const who =
    asking === null
      ? ""
      : `<p><strong>${escapeHtml(asking.name ?? asking.host)}</strong> from <strong>${escapeHtml(asking.host)}</strong> asks to use mcp-coordinator as you.</p>
<p>Its identity comes from a document on ${escapeHtml(asking.host)}. Continue only if you started this sign-in from that application.</p>`;
  return page(200, "Sign in to mcp-coordinator", who + links);
}

/**
 * The device verification page [RFC 8628 §3.3]: the person types (or finds prefilled) the code their
 * terminal shows, then continues to sign in, or refuses a sign-in they did not start.
 */
export function deviceCodePage(status: number, prefill: string, notice: string | null): OAuthHttpResponse {
  const note = notice === null ? "" : `<p role="alert">${escapeHtml(notice)}</p>`;
  return page(
    status,
    "Connect a device",
    `${note}<p>Enter the code your terminal shows. Only continue if you started this sign-in yourself.</p>
<form method="post" action="/oauth/device"><label>Code <input name="user_code" value="${escapeHtml(prefill)}" autocomplete="off" autocapitalize="characters" required></label>
<p><button name="action" value="approve">Continue to sign in</button> <button name="action" value="deny">This was not me</button></p></form>`,
  );
}
