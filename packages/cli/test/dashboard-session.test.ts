import { ManualClock } from "@mcp-coordinator/core/testing";
import { waitFor } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The auth package's headless browser (a cookie jar that follows redirects): one copy for both suites.
import { HeadlessBrowser } from "../../auth/test/oauth/browser.js";
import type { CoordinatorServer } from "../src/index.js";
import { getJson, openSse, postJson } from "./helpers.js";
import { type OAuthServer, startOAuthServer } from "./oauth-server.js";

const COOKIE = "mcpc_session";
const HOUR = 3_600_000;

let oauth: OAuthServer;
let server: CoordinatorServer;
const clock = new ManualClock(Date.now());

beforeAll(async () => {
  oauth = await startOAuthServer({
    clock,
    env: {
      COORDINATOR_OAUTH_DEFAULT_ROLE: "operator",
      COORDINATOR_DASHBOARD_SESSION_TTL: "12h",
      COORDINATOR_DASHBOARD_SESSION_IDLE: "1h",
    },
  });
  server = oauth.server;
});

afterAll(async () => {
  await oauth?.close();
});

interface SignedIn {
  readonly browser: HeadlessBrowser;
  readonly landed: URL | null;
  readonly cookie: string;
  readonly csrf: string;
}

/** A person signing in to the dashboard through the login flow and the real IdP, as a browser does. */
async function signIn(returnTo = "/dashboard/"): Promise<SignedIn> {
  const browser = new HeadlessBrowser();
  const start = `${server.url}/oauth/dashboard/login?return_to=${encodeURIComponent(returnTo)}`;
  const { url } = await browser.follow(start, `${server.url}/dashboard`);
  const sessionId = browser.cookie(server.url, COOKIE);
  if (sessionId === null) throw new Error("the sign-in set no session cookie");
  const cookie = `${COOKIE}=${sessionId}`;
  const status = await getJson(`${server.url}/oauth/dashboard/session`, { cookie });
  return { browser, landed: url, cookie, csrf: status.body.csrf_token as string };
}

/** A consultation thread between two agents (service tokens, which oauth mode keeps accepting). */
async function makeThread(): Promise<string> {
  const auth = server.auth;
  if (!auth) throw new Error("no auth stack");
  const bearer = async (userId: string) => {
    await auth.directory.addMember({ orgId: "acme", userId, role: "agent" }).catch(() => {});
    return { authorization: `Bearer ${(await auth.issuer.issueToken({ orgId: "acme", userId })).token}` };
  };
  const alice = await bearer("alice");
  const bob = await bearer("bob");
  const suffix = Math.random().toString(36).slice(2, 8);
  const [a, b] = [`a-${suffix}`, `b-${suffix}`];
  await postJson(`${server.url}/api/agents/register`, { name: "a", agent_id: a }, alice);
  await postJson(`${server.url}/api/agents/register`, { name: "b", agent_id: b }, bob);
  const file = `src/${suffix}.ts`;
  await postJson(`${server.url}/api/files/claims`, { paths: [file] }, { ...alice, "x-agent-id": a });
  const announced = await postJson(
    `${server.url}/api/announce`,
    { subject: `rewrite ${file}`, target_files: [file] },
    { ...bob, "x-agent-id": b },
  );
  const threadId = announced.body.thread_id;
  if (typeof threadId !== "string") throw new Error(`no thread: ${JSON.stringify(announced.body)}`);
  return threadId;
}

const postMessage = (threadId: string, headers: Record<string, string>) =>
  postJson(`${server.url}/api/threads/${threadId}/messages`, { content: "hold on" }, headers);

describe("dashboard sign-in in oauth mode", () => {
  it("signs a person in through the provider and returns to the dashboard page they came from", async () => {
    const session = await signIn("/dashboard/?thread=T-1");
    expect(session.landed?.pathname).toBe("/dashboard/");
    expect(session.landed?.search).toBe("?thread=T-1");
    const status = await getJson(`${server.url}/oauth/dashboard/session`, { cookie: session.cookie });
    expect(status.body).toMatchObject({
      signed_in: true,
      user_id: "dana@acme.test",
      org_id: "acme",
      role: "operator",
      csrf_header: "x-csrf-token",
    });
    expect(status.body.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("sets an HttpOnly, SameSite=Strict session cookie on / with a bounded lifetime (plain name over http)", async () => {
    const session = await signIn();
    const line = session.browser.setCookieLines.find((l) => l.startsWith(`${COOKIE}=`)) ?? "";
    const attributes = line.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=strict");
    expect(attributes).toContain("path=/");
    expect(attributes).toContain(`max-age=${12 * 3600}`);
    // http://127.0.0.1: browsers drop Secure cookies there, so no Secure and no __Host- prefix.
    expect(attributes).not.toContain("secure");
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
    // The session id is opaque: 256 random bits, nothing readable in it.
    expect(session.cookie.split("=")[1]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The sign-in binding cookie is cleared once the session exists.
    const login = session.browser.setCookieLines.filter((l) => l.startsWith("mcpc_login="));
    expect(login.at(-1)).toMatch(/^mcpc_login=;.*Max-Age=0/i);
  });

  it("refuses a return_to outside the dashboard instead of redirecting there", async () => {
    for (const target of ["https://evil.test/", "//evil.test/dashboard/", "/\\evil.test", "/api/snapshot"]) {
      const res = await fetch(`${server.url}/oauth/dashboard/login?return_to=${encodeURIComponent(target)}`, {
        redirect: "manual",
      });
      expect(res.status, target).toBe(400);
      expect(await res.text()).toContain("return_to must be a path under /dashboard/");
    }
  });

  it("does not finish a sign-in in a browser other than the one that started it", async () => {
    const starter = new HeadlessBrowser();
    const { url: callback } = await starter.follow(
      `${server.url}/oauth/dashboard/login`,
      `${server.url}/oauth/callback/`,
    );
    expect(callback).not.toBeNull();
    const victim = new HeadlessBrowser();
    const res = await victim.get(callback?.href ?? "");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("started in another browser");
    expect(victim.cookie(server.url, COOKIE)).toBeNull();
  });
});

describe("a dashboard cookie session", () => {
  it("reads the snapshot and follows the event stream with the cookie alone", async () => {
    const { cookie } = await signIn();
    const snapshot = await getJson(`${server.url}/api/snapshot`, { cookie });
    expect(snapshot.status).toBe(200);
    const stream = await openSse(`${server.url}/api/events`, { cookie });
    expect(stream.status).toBe(200);
    await waitFor(() => stream.comments.includes("connected org=acme"), 5_000, "the stream's hello");
    await stream.close();
    const none = await getJson(`${server.url}/api/snapshot`);
    expect(none.status).toBe(401);
  });

  it("refuses an operator write without the CSRF token, or with a wrong one, with a 403 that says why", async () => {
    const threadId = await makeThread();
    const { cookie } = await signIn();
    const other = await signIn();
    const missing = await postMessage(threadId, { cookie });
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ error: { code: "CSRF_TOKEN_INVALID" } });
    expect((missing.body.error as { message: string }).message).toMatch(/x-csrf-token/);
    const wrong = await postMessage(threadId, { cookie, "x-csrf-token": "A".repeat(43) });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: { code: "CSRF_TOKEN_INVALID" } });
    // Another session's token is no good either: the token is bound to its session.
    const foreign = await postMessage(threadId, { cookie, "x-csrf-token": other.csrf });
    expect(foreign.status).toBe(403);
    const thread = await server.coordinator.getThread({ orgId: "acme" }, { threadId });
    expect(thread.messages?.some((m) => m.content === "hold on")).toBe(false);
  });

  it("accepts an operator write with the session's CSRF token, recorded under the signed-in user", async () => {
    const threadId = await makeThread();
    const { cookie, csrf } = await signIn();
    const posted = await postMessage(threadId, { cookie, "x-csrf-token": csrf });
    expect(posted.status).toBe(200);
    const thread = await getJson(`${server.url}/api/threads/${threadId}`, { cookie });
    const messages = (thread.body.thread as { messages: Array<{ agent_id: string; content: string }> })
      .messages;
    expect(messages.find((m) => m.content === "hold on")?.agent_id).toBe("operator:dana@acme.test");
  });

  it("hands its CSRF token only to the dashboard's own page", async () => {
    const { cookie } = await signIn();
    for (const site of ["cross-site", "same-site"]) {
      const res = await getJson(`${server.url}/oauth/dashboard/session`, { cookie, "sec-fetch-site": site });
      expect(res.status, site).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain("csrf_token");
    }
    const own = await getJson(`${server.url}/oauth/dashboard/session`, {
      cookie,
      "sec-fetch-site": "same-origin",
    });
    expect(own.body).toMatchObject({ signed_in: true });
  });

  it("refuses a write from another site's page even with the right CSRF token", async () => {
    const threadId = await makeThread();
    const { cookie, csrf } = await signIn();
    const crossOrigin = await postMessage(threadId, {
      cookie,
      "x-csrf-token": csrf,
      origin: "https://evil.test",
    });
    expect(crossOrigin.status).toBe(403);
    expect(crossOrigin.body).toMatchObject({ error: { code: "CROSS_ORIGIN_REFUSED" } });
    const crossSite = await postMessage(threadId, {
      cookie,
      "x-csrf-token": csrf,
      "sec-fetch-site": "cross-site",
    });
    expect(crossSite.status).toBe(403);
  });

  it("leaves bearer requests alone: no CSRF token needed, and a cookie beside the bearer is ignored", async () => {
    const threadId = await makeThread();
    const auth = server.auth;
    if (!auth) throw new Error("no auth stack");
    await auth.directory.addMember({ orgId: "acme", userId: "olga", role: "operator" });
    const { token } = await auth.issuer.issueToken({ orgId: "acme", userId: "olga" });
    const { cookie } = await signIn();
    const posted = await postMessage(threadId, { authorization: `Bearer ${token}`, cookie });
    expect(posted.status).toBe(200);
    const thread = await server.coordinator.getThread({ orgId: "acme" }, { threadId });
    expect(thread.messages?.find((m) => m.content === "hold on")?.agentId).toBe("operator:olga");
  });
});

describe("ending a dashboard session", () => {
  it("signs out: the session is deleted server-side, the cookie cleared, and the old cookie refused", async () => {
    const { cookie, csrf } = await signIn();
    const forced = await fetch(`${server.url}/oauth/logout`, { method: "POST", headers: { cookie } });
    expect(forced.status).toBe(403);
    expect(await forced.json()).toMatchObject({ error: "csrf_token_invalid" });
    expect((await getJson(`${server.url}/api/snapshot`, { cookie })).status).toBe(200);
    const res = await fetch(`${server.url}/oauth/logout`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ signed_out: "this_sign_in" });
    expect(res.headers.getSetCookie().join("\n")).toMatch(new RegExp(`^${COOKIE}=;.*Max-Age=0`, "im"));
    // A copy of the cookie kept elsewhere is dead too: the server forgot the session.
    const after = await getJson(`${server.url}/api/snapshot`, { cookie });
    expect(after.status).toBe(401);
    expect((after.body.error as { message: string }).message).toMatch(/sign in again from the dashboard/);
    const status = await getJson(`${server.url}/oauth/dashboard/session`, { cookie });
    expect(status.body).toMatchObject({ signed_in: false, login_url: "/oauth/dashboard/login" });
  });

  it("logs out everywhere: every dashboard session of the user ends, and its open event stream closes", async () => {
    const first = await signIn();
    const second = await signIn();
    const stream = await openSse(`${server.url}/api/events`, { cookie: second.cookie });
    await waitFor(() => stream.comments.includes("connected org=acme"), 5_000, "the stream's hello");
    const res = await fetch(`${server.url}/oauth/logout-everywhere`, {
      method: "POST",
      headers: { cookie: first.cookie, "x-csrf-token": first.csrf },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ signed_out: "everywhere" });
    for (const { cookie } of [first, second]) {
      const refused = await getJson(`${server.url}/api/snapshot`, { cookie });
      expect(refused.status).toBe(401);
      expect((refused.body.error as { message: string }).message).toMatch(/signed out everywhere/);
    }
    // The host re-checks open streams' sessions every second and closes this one.
    await stream.ended;
    // A new sign-in after that works again.
    const again = await signIn();
    expect((await getJson(`${server.url}/api/snapshot`, { cookie: again.cookie })).status).toBe(200);
  });

  it("ends a session left idle for longer than the idle timeout", async () => {
    const { cookie } = await signIn();
    clock.advance(HOUR / 2);
    expect((await getJson(`${server.url}/api/snapshot`, { cookie })).status).toBe(200);
    // Used half an hour ago: another 59 minutes is still inside the idle window.
    clock.advance(HOUR - 60_000);
    expect((await getJson(`${server.url}/api/snapshot`, { cookie })).status).toBe(200);
    clock.advance(HOUR + 1);
    const idle = await getJson(`${server.url}/api/snapshot`, { cookie });
    expect(idle.status).toBe(401);
    expect((idle.body.error as { message: string }).message).toMatch(/without use/);
  });

  it("ends a session at its absolute lifetime, however busy it is", async () => {
    const { cookie } = await signIn();
    // Used every 59 minutes, it never idles out …
    for (let hour = 0; hour < 12; hour++) {
      clock.advance(HOUR - 60_000);
      expect((await getJson(`${server.url}/api/snapshot`, { cookie })).status, `hour ${hour}`).toBe(200);
    }
    // … but 12 hours after sign-in it is over.
    clock.advance(HOUR / 2);
    const expired = await getJson(`${server.url}/api/snapshot`, { cookie });
    expect(expired.status).toBe(401);
    // "expired", or "unknown" when the sweep already deleted the expired row.
    expect((expired.body.error as { message: string }).message).toMatch(/expired|unknown/);
  });

  it("refuses the session of a user removed from the org", async () => {
    const auth = server.auth;
    if (!auth) throw new Error("no auth stack");
    const { cookie } = await signIn();
    await auth.directory.removeMember({ orgId: "acme", userId: "dana@acme.test" });
    const refused = await getJson(`${server.url}/api/snapshot`, { cookie });
    expect(refused.status).toBe(401);
    expect((refused.body.error as { message: string }).message).toMatch(/no longer a member/);
  });
});
