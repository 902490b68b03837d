import { freePort } from "@mcp-coordinator/test-support";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The auth package's real OpenID provider fixture (oidc-provider, pinned there).
import { type OidcIdp, startOidcIdp } from "../../auth/test/oauth/oidc-idp.js";
import { type Harness, launchBrowser, startCoordinator, watchConsole } from "./harness.js";

const WITHIN = { timeout: 5_000 };

let idp: OidcIdp;
let h: Harness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // oauth mode names its own URL in tokens and redirects, so the port is fixed before it starts.
  const port = await freePort();
  idp = await startOidcIdp({
    redirectUris: [`http://127.0.0.1:${port}/oauth/callback/acme`],
    users: { dana: { email: "dana@acme.test", email_verified: true, name: "Dana", groups: ["eng"] } },
  });
  h = await startCoordinator({
    port,
    auth: "oauth",
    oauthUpstream: { allowInsecure: true },
    env: {
      COORDINATOR_JWT_SECRET: "a-test-secret-that-is-long-enough-0123456789",
      COORDINATOR_OIDC_PROVIDERS: "acme",
      COORDINATOR_OIDC_ACME_ISSUER: idp.issuer,
      COORDINATOR_OIDC_ACME_CLIENT_ID: idp.clientId,
      COORDINATOR_OIDC_ACME_CLIENT_SECRET: idp.clientSecret,
      COORDINATOR_OIDC_ACME_SCOPES: "openid,email,profile,groups",
      COORDINATOR_OAUTH_ORG: "acme",
      COORDINATOR_OAUTH_DEFAULT_ROLE: "operator",
    },
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await h?.server.close();
  await idp?.close();
});

/** Two agents with service tokens (oauth mode keeps accepting them) and a consultation between them. */
async function consultation(): Promise<string> {
  const auth = h.server.auth;
  if (!auth) throw new Error("oauth mode built no auth stack");
  const post = async (path: string, body: unknown, headers: Record<string, string>) => {
    const res = await fetch(`${h.server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  const bearer = async (userId: string) => {
    await auth.directory.addMember({ orgId: "acme", userId, role: "agent" });
    return { authorization: `Bearer ${(await auth.issuer.issueToken({ orgId: "acme", userId })).token}` };
  };
  const alice = await bearer("alice");
  const bob = await bearer("bob");
  await post("/api/agents/register", { name: "Alice", agent_id: "alice" }, alice);
  await post("/api/agents/register", { name: "Bob", agent_id: "bob" }, bob);
  await post("/api/files/claims", { paths: ["src/api.ts"] }, { ...alice, "x-agent-id": "alice" });
  const announced = await post(
    "/api/announce",
    { subject: "Add rate limiting to the API", target_files: ["src/api.ts"] },
    { ...bob, "x-agent-id": "bob" },
  );
  if (typeof announced.thread_id !== "string") throw new Error(JSON.stringify(announced));
  return announced.thread_id;
}

describe("the dashboard in oauth mode", () => {
  it("signs in through the coordinator's login and the identity provider, then follows the org live", async () => {
    const errors = watchConsole(page);
    await page.goto(`${h.dashboardUrl}?from=test`);
    const dialog = page.getByTestId("sign-in");
    await dialog.waitFor(WITHIN);
    expect(await page.getByTestId("connection").textContent()).not.toContain("Live");
    await dialog.getByRole("link", { name: "Sign in" }).click();
    // The provider approves at once (the fixture's interaction), and the browser comes back here.
    await page.waitForURL(`${h.dashboardUrl}?from=test`, WITHIN);
    await page.getByTestId("connection").getByText("Live").waitFor(WITHIN);
    expect(await page.getByTestId("signed-in").textContent()).toContain("dana@acme.test @ acme (operator)");
    const cookies = await page.context().cookies(h.server.url);
    const session = cookies.find((c) => c.name === "mcpc_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    // The script cannot read it, and nothing is kept in storage.
    expect(await page.evaluate(() => document.cookie)).not.toContain("mcpc_session");
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    // Only the refusals before sign-in were logged.
    expect(errors.filter((e) => !e.includes("401"))).toEqual([]);
  });

  it("performs an operator write with the session, recorded under the signed-in user", async () => {
    const threadId = await consultation();
    const row = page.locator(`[data-thread="${threadId}"]`);
    await row.waitFor(WITHIN);
    await row.click();
    const detail = page.getByTestId("thread-detail");
    await detail.waitFor(WITHIN);
    await detail.getByTestId("operator-text").fill("Bob waits for the split");
    await detail.getByRole("button", { name: "Post", exact: true }).click();
    await detail.getByTestId("messages").getByText("Bob waits for the split").waitFor(WITHIN);
    const recorded = await h.server.coordinator.getThread({ orgId: "acme" }, { threadId });
    expect(recorded.messages.at(-1)).toMatchObject({
      content: "Bob waits for the split",
      agentId: "operator:dana@acme.test",
    });
    // The same write from this very page, cookie attached by the browser but no CSRF token: refused.
    const forged = await page.evaluate(async (id) => {
      const res = await fetch(`/api/threads/${id}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ content: "forged" }),
      });
      return { status: res.status, body: await res.json() };
    }, threadId);
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ error: { code: "CSRF_TOKEN_INVALID" } });
    const after = await h.server.coordinator.getThread({ orgId: "acme" }, { threadId });
    expect(after.messages.some((m) => m.content === "forged")).toBe(false);
    await page.keyboard.press("Escape");
  });

  it("signs out: the server forgets the session and the page asks to sign in again", async () => {
    const before = (await page.context().cookies(h.server.url)).find((c) => c.name === "mcpc_session");
    await page.getByTestId("signed-in").getByRole("button", { name: "Sign out" }).click();
    await page.getByTestId("sign-in").waitFor(WITHIN);
    await page
      .getByTestId("connection")
      .getByText("Live")
      .waitFor({ state: "detached", ...WITHIN });
    expect((await page.context().cookies(h.server.url)).some((c) => c.name === "mcpc_session")).toBe(false);
    // The old cookie, replayed from elsewhere, is refused: the session was deleted, not just forgotten here.
    const replay = await fetch(`${h.server.url}/api/snapshot`, {
      headers: { cookie: `mcpc_session=${before?.value ?? ""}` },
    });
    expect(replay.status).toBe(401);
  });
});
