const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page the browser lands on at the loopback redirect: it says whether the sign-in worked, and that
 * the tab has done its job. No script, nothing loaded from elsewhere, and a CSP that allows neither.
 */
export function callbackPage(outcome: { readonly ok: boolean; readonly message: string }): string {
  const title = outcome.ok ? "Signed in" : "Sign-in failed";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${title} · mcp-coordinator</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem}</style>
</head><body><h1>${title}</h1><p>${escapeHtml(outcome.message)}</p></body></html>`;
}

export const CALLBACK_PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  connection: "close",
} as const;
