/**
 * A headless "browser" for sign-in flows: follows redirects by hand with a cookie jar per host, and
 * stops at the first URL under `stopAt` (the client's redirect URI), which it returns unfetched.
 */
export class HeadlessBrowser {
  private readonly jars = new Map<string, Map<string, string>>();
  /** Every `Set-Cookie` line received, in order, as sent (for tests of cookie attributes). */
  readonly setCookieLines: string[] = [];

  /** `reach` resolves hosts the test stands in for (an IdP at https://accounts.google.com). */
  constructor(private readonly reach: typeof fetch = fetch) {}

  private cookieHeader(url: URL): string {
    const jar = this.jars.get(url.host);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join("; ") : "";
  }

  private remember(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      this.setCookieLines.push(line);
      const [pair] = line.split(";");
      const eq = (pair as string).indexOf("=");
      if (eq < 0) continue;
      let jar = this.jars.get(url.host);
      if (!jar) {
        jar = new Map();
        this.jars.set(url.host, jar);
      }
      jar.set((pair as string).slice(0, eq).trim(), (pair as string).slice(eq + 1).trim());
    }
  }

  /** The value of a cookie this browser holds for `url`'s host, or null (a cleared cookie is empty). */
  cookie(url: string, name: string): string | null {
    const value = this.jars.get(new URL(url).host)?.get(name);
    return value === undefined || value === "" ? null : value;
  }

  async get(url: string): Promise<Response> {
    const target = new URL(url);
    const response = await this.reach(target, {
      redirect: "manual",
      headers: { cookie: this.cookieHeader(target), "sec-fetch-site": "none", accept: "text/html" },
    });
    this.remember(target, response);
    return response;
  }

  /** Follows redirects from `start` until one points under `stopAt`; returns that URL, or the last page. */
  async follow(start: string, stopAt: string, maxHops = 20): Promise<{ url: URL | null; last: Response }> {
    let current = start;
    for (let hop = 0; hop < maxHops; hop += 1) {
      if (current.startsWith(stopAt)) return { url: new URL(current), last: new Response(null) };
      const response = await this.get(current);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || location === null)
        return { url: null, last: response };
      await response.arrayBuffer();
      current = new URL(location, current).href;
    }
    throw new Error(`more than ${maxHops} redirects from ${start}`);
  }

  /**
   * Like `follow`, but a person on the sign-in page (where a metadata-document client always stops)
   * reads it and clicks a provider: `providerId`, or the first. `page` is that page's HTML, if shown.
   */
  async signIn(
    start: string,
    stopAt: string,
    providerId?: string,
  ): Promise<{ url: URL | null; last: Response; page: string | null }> {
    const first = await this.follow(start, stopAt);
    if (first.url !== null || first.last.status !== 200) return { ...first, page: null };
    const page = await first.last.text();
    const links = [...page.matchAll(/href="(\/oauth\/login\/([a-z0-9-]+)\?request=[^"]+)"/g)];
    const link = providerId === undefined ? links[0] : links.find((m) => m[2] === providerId);
    if (link === undefined) return { url: null, last: new Response(page, { status: 200 }), page };
    const target = new URL((link[1] as string).replace(/&amp;/g, "&"), start).href;
    return { ...(await this.follow(target, stopAt)), page };
  }
}
