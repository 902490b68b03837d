import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A contract fake of GitHub's OAuth web endpoints and the REST calls the connector makes, laid out like
 * GitHub Enterprise Server (web at `/login/…`, API at `/api/v3/…`), built from GitHub's docs and
 * checked against the schemas of @octokit/openapi (github-contract.test.ts). Behaviours it copies:
 * - token errors answered with **HTTP 200** and `error`, `error_description`, `error_uri`
 *   ("Troubleshooting OAuth app access token request errors");
 * - form-encoded token answers unless `Accept: application/json` ("Authorizing OAuth apps", step 2);
 * - OAuth App tokens `gho_…` with comma-separated scopes; GitHub App user tokens `ghu_…` expiring after
 *   8 h with a `ghr_…` refresh token, rotated on use (the old pair stops working; "Refreshing user
 *   access tokens"), refusal `bad_refresh_token`;
 * - codes live 10 min and are single-use (`bad_verification_code`); PKCE S256 when a challenge was sent
 *   (a wrong verifier answering `bad_verification_code` is *assumed*: the docs do not say);
 * - redirect URIs: OAuth App host and port must match the callback, the path may be below it; GitHub App
 *   exact; loopback any port. A mismatch goes to the registered callback with `redirect_uri_mismatch`.
 */
export interface GithubFakeUser {
  readonly id: number;
  readonly login: string;
  readonly name: string | null;
  /** The public profile email (null: private). */
  readonly publicEmail: string | null;
  readonly emails: readonly { email: string; primary: boolean; verified: boolean }[];
  /** org login → membership state. */
  readonly orgs: Readonly<Record<string, "active" | "pending">>;
  /** `org/team-slug` → membership state. */
  readonly teams: Readonly<Record<string, "active" | "pending">>;
}

export interface GithubFakeApp {
  readonly kind: "oauth-app" | "app";
  readonly clientId: string;
  readonly clientSecret: string;
  readonly callbackUrl: string;
}

/** One API reply the fake produced, for the schema contract test. */
export interface RecordedReply {
  readonly operation: string;
  readonly body: unknown;
}

interface Code {
  readonly clientId: string;
  readonly login: string;
  readonly redirectUri: string;
  readonly challenge: string | null;
  readonly expiresAt: number;
}

interface AccessToken {
  readonly login: string;
  readonly clientId: string;
  readonly expiresAt: number | null;
}

const DOCS =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";
const API_DOCS = "https://docs.github.com/rest";
const hex = (bytes: number) => randomBytes(bytes).toString("hex");

export class GithubFake {
  readonly replies: RecordedReply[] = [];
  /** Every request the fake saw: `METHOD path`. */
  readonly requests: string[] = [];
  private readonly codes = new Map<string, Code>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, { login: string; clientId: string; expiresAt: number }>();
  private nextLogin: string;
  private deny = false;
  private offsetMs = 0;

  private readonly users: Record<string, GithubFakeUser>;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly apps: readonly GithubFakeApp[],
    users: Readonly<Record<string, GithubFakeUser>>,
  ) {
    this.users = { ...users };
    this.nextLogin = Object.keys(users)[0] ?? "nobody";
  }

  static async start(apps: readonly GithubFakeApp[], users: Readonly<Record<string, GithubFakeUser>>) {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const fake = new GithubFake(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      apps,
      users,
    );
    server.on("request", (req, res) => void fake.handle(req, res));
    return fake;
  }

  /** The web base URL (COORDINATOR_GITHUB_AUTH_BASE_URL) and API base (…_API_BASE_URL), GHES-style. */
  get webUrl() {
    return this.url;
  }
  get apiUrl() {
    return `${this.url}/api/v3`;
  }

  /** Who the next person to approve an authorization request is. */
  signInAs(login: string) {
    this.nextLogin = login;
  }
  /** The next authorization request is refused by the person (`access_denied`). */
  denyNext() {
    this.deny = true;
  }
  /** An org owner removes `login` from `org`. */
  removeFromOrg(login: string, org: string) {
    const user = this.users[login] as GithubFakeUser;
    const { [org]: _gone, ...orgs } = user.orgs;
    this.users[login] = { ...user, orgs };
  }
  /** Moves GitHub's clock (token expiry). */
  advance(ms: number) {
    this.offsetMs += ms;
  }
  private now() {
    return Date.now() + this.offsetMs;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", this.url);
    this.requests.push(`${req.method} ${url.pathname}`);
    if (req.method === "GET" && url.pathname === "/login/oauth/authorize") return this.authorize(url, res);
    if (req.method === "POST" && url.pathname === "/login/oauth/access_token") {
      return this.token(req, new URLSearchParams(Buffer.concat(chunks).toString("utf8")), res);
    }
    if (req.method === "GET" && url.pathname.startsWith("/api/v3/")) {
      return this.api(req, url.pathname.slice("/api/v3".length), res);
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ message: "Not Found", documentation_url: API_DOCS }));
  }

  private redirectMatches(app: GithubFakeApp, redirectUri: string): boolean {
    let asked: URL;
    try {
      asked = new URL(redirectUri);
    } catch {
      return false;
    }
    const registered = new URL(app.callbackUrl);
    const loopback = asked.hostname === "127.0.0.1" && registered.hostname === "127.0.0.1";
    if (app.kind === "app")
      return loopback ? asked.pathname === registered.pathname : redirectUri === app.callbackUrl;
    const sameHost = asked.host === registered.host || (loopback && asked.protocol === registered.protocol);
    const base = registered.pathname.replace(/\/$/, "");
    return sameHost && (asked.pathname === registered.pathname || asked.pathname.startsWith(`${base}/`));
  }

  private authorize(url: URL, res: ServerResponse) {
    const app = this.apps.find((a) => a.clientId === url.searchParams.get("client_id"));
    if (app === undefined) {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<h1>404</h1>");
      return;
    }
    const state = url.searchParams.get("state");
    const back = (target: string, params: Record<string, string>) => {
      const location = new URL(target);
      for (const [k, v] of Object.entries(params)) location.searchParams.set(k, v);
      if (state !== null) location.searchParams.set("state", state);
      res.writeHead(302, { location: location.href });
      res.end();
    };
    const redirectUri = url.searchParams.get("redirect_uri") ?? app.callbackUrl;
    if (!this.redirectMatches(app, redirectUri)) {
      return back(app.callbackUrl, {
        error: "redirect_uri_mismatch",
        error_description: "The redirect_uri MUST match the registered callback URL for this application.",
        error_uri:
          "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch",
      });
    }
    const method = url.searchParams.get("code_challenge_method");
    const challenge = url.searchParams.get("code_challenge");
    if (challenge !== null && method !== "S256") {
      return back(redirectUri, { error: "invalid_request", error_description: "Only S256 is supported." });
    }
    if (this.deny) {
      this.deny = false;
      return back(redirectUri, {
        error: "access_denied",
        error_description: "The user has denied your application access.",
        error_uri:
          "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#access-denied",
      });
    }
    const code = hex(10);
    this.codes.set(code, {
      clientId: app.clientId,
      login: this.nextLogin,
      redirectUri,
      challenge,
      expiresAt: this.now() + 10 * 60_000,
    });
    back(redirectUri, { code });
  }

  private token(req: IncomingMessage, form: URLSearchParams, res: ServerResponse) {
    const answer = (body: Record<string, string | number>) => {
      const json = (req.headers.accept ?? "").includes("application/json");
      res.writeHead(200, {
        "content-type": json
          ? "application/json; charset=utf-8"
          : "application/x-www-form-urlencoded; charset=utf-8",
      });
      res.end(
        json
          ? JSON.stringify(body)
          : new URLSearchParams(
              Object.entries(body).map(([k, v]): [string, string] => [k, String(v)]),
            ).toString(),
      );
    };
    const fail = (error: string, description: string) =>
      answer({ error, error_description: description, error_uri: `${DOCS}#${error.replace(/_/g, "-")}` });
    const app = this.apps.find((a) => a.clientId === form.get("client_id"));
    if (app === undefined || form.get("client_secret") !== app.clientSecret) {
      return fail("incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.");
    }
    const grant = form.get("grant_type") ?? "authorization_code";
    if (grant === "refresh_token") {
      const presented = form.get("refresh_token") ?? "";
      const stored = this.refreshTokens.get(presented);
      if (
        app.kind !== "app" ||
        stored === undefined ||
        stored.clientId !== app.clientId ||
        stored.expiresAt <= this.now()
      ) {
        return fail("bad_refresh_token", "The refresh token passed is incorrect or expired.");
      }
      this.refreshTokens.delete(presented);
      for (const [token, info] of this.accessTokens) {
        if (info.login === stored.login && info.clientId === app.clientId) this.accessTokens.delete(token);
      }
      return answer(this.issue(app, stored.login));
    }
    if (grant !== "authorization_code") {
      return fail("unsupported_grant_type", "The grant type is not supported.");
    }
    const code = this.codes.get(form.get("code") ?? "");
    if (code === undefined || code.clientId !== app.clientId || code.expiresAt <= this.now()) {
      return fail("bad_verification_code", "The code passed is incorrect or expired.");
    }
    this.codes.delete(form.get("code") ?? "");
    const redirectUri = form.get("redirect_uri");
    if (redirectUri !== null && redirectUri !== code.redirectUri) {
      return fail(
        "redirect_uri_mismatch",
        "The redirect_uri MUST match the registered callback URL for this application.",
      );
    }
    if (code.challenge !== null) {
      const verifier = form.get("code_verifier") ?? "";
      const computed = createHash("sha256").update(verifier).digest("base64url");
      if (computed !== code.challenge)
        return fail("bad_verification_code", "The code passed is incorrect or expired.");
    }
    answer(this.issue(app, code.login));
  }

  private issue(app: GithubFakeApp, login: string): Record<string, string | number> {
    if (app.kind === "oauth-app") {
      const token = `gho_${hex(18)}`;
      this.accessTokens.set(token, { login, clientId: app.clientId, expiresAt: null });
      return { access_token: token, scope: "read:org,user:email", token_type: "bearer" };
    }
    const token = `ghu_${hex(18)}`;
    const refresh = `ghr_${hex(38)}`;
    this.accessTokens.set(token, { login, clientId: app.clientId, expiresAt: this.now() + 28_800_000 });
    this.refreshTokens.set(refresh, {
      login,
      clientId: app.clientId,
      expiresAt: this.now() + 15_811_200_000,
    });
    return {
      access_token: token,
      expires_in: 28_800,
      refresh_token: refresh,
      refresh_token_expires_in: 15_811_200,
      scope: "",
      token_type: "bearer",
    };
  }

  private reply(res: ServerResponse, operation: string, status: number, body: unknown) {
    this.replies.push({ operation: `${operation} ${status}`, body });
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }

  private api(req: IncomingMessage, path: string, res: ServerResponse) {
    const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "";
    const info = this.accessTokens.get(token);
    if (info === undefined || (info.expiresAt !== null && info.expiresAt <= this.now())) {
      return this.reply(res, "GET /user", 401, {
        message: "Bad credentials",
        documentation_url: API_DOCS,
        status: "401",
      });
    }
    const user = this.users[info.login] as GithubFakeUser;
    if (path === "/user") return this.reply(res, "GET /user", 200, privateUser(this.apiUrl, user));
    if (path === "/user/emails") {
      return this.reply(
        res,
        "GET /user/emails",
        200,
        user.emails.map((e) => ({ ...e, visibility: e.primary ? "private" : null })),
      );
    }
    const org = /^\/user\/memberships\/orgs\/([^/]+)$/.exec(path)?.[1];
    if (org !== undefined) {
      const state = user.orgs[decodeURIComponent(org)];
      if (state === undefined) {
        return this.reply(res, "GET /user/memberships/orgs/{org}", 404, {
          message: "Not Found",
          documentation_url: `${API_DOCS}/orgs/members#get-an-organization-membership-for-the-authenticated-user`,
          status: "404",
        });
      }
      return this.reply(res, "GET /user/memberships/orgs/{org}", 200, {
        url: `${this.apiUrl}/orgs/${org}/memberships/${user.login}`,
        state,
        role: "member",
        organization_url: `${this.apiUrl}/orgs/${org}`,
        organization: simpleOrg(this.apiUrl, decodeURIComponent(org)),
        user: simpleUser(this.apiUrl, user),
      });
    }
    const team = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(path);
    if (team !== null) {
      const [, teamOrg, slug, username] = team as unknown as [string, string, string, string];
      const who = Object.values(this.users).find((u) => u.login === decodeURIComponent(username));
      const state = who?.teams[`${decodeURIComponent(teamOrg)}/${decodeURIComponent(slug)}`];
      if (state === undefined) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: "Not Found", documentation_url: API_DOCS, status: "404" }));
        return;
      }
      return this.reply(res, "GET /orgs/{org}/teams/{team_slug}/memberships/{username}", 200, {
        url: `${this.apiUrl}/organizations/1/team/2/memberships/${username}`,
        role: "member",
        state,
      });
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ message: "Not Found", documentation_url: API_DOCS, status: "404" }));
  }
}

function simpleUser(api: string, user: GithubFakeUser) {
  const at = `${api}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: `U_${user.id}`,
    avatar_url: `https://avatars.example.test/u/${user.id}`,
    gravatar_id: "",
    url: at,
    html_url: `https://github.example.test/${user.login}`,
    followers_url: `${at}/followers`,
    following_url: `${at}/following{/other_user}`,
    gists_url: `${at}/gists{/gist_id}`,
    starred_url: `${at}/starred{/owner}{/repo}`,
    subscriptions_url: `${at}/subscriptions`,
    organizations_url: `${at}/orgs`,
    repos_url: `${at}/repos`,
    events_url: `${at}/events{/privacy}`,
    received_events_url: `${at}/received_events`,
    type: "User",
    site_admin: false,
  };
}

function privateUser(api: string, user: GithubFakeUser) {
  return {
    ...simpleUser(api, user),
    name: user.name,
    company: null,
    blog: "",
    location: null,
    email: user.publicEmail,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 3,
    public_gists: 0,
    followers: 1,
    following: 1,
    created_at: "2020-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 10,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { collaborators: 0, name: "free", space: 976562499, private_repos: 10000 },
  };
}

function simpleOrg(api: string, login: string) {
  const at = `${api}/orgs/${login}`;
  return {
    login,
    id: 4242,
    node_id: `O_${login}`,
    url: at,
    repos_url: `${at}/repos`,
    events_url: `${at}/events`,
    hooks_url: `${at}/hooks`,
    issues_url: `${at}/issues`,
    members_url: `${at}/members{/member}`,
    public_members_url: `${at}/public_members{/member}`,
    avatar_url: `https://avatars.example.test/o/${login}`,
    description: null,
  };
}
