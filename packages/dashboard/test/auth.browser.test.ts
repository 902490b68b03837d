import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, launchBrowser, startCoordinator, watchConsole } from "./harness.js";

const SECRET = "dashboard-auth-secret-0123456789-abcdefgh";

let h: Harness;
let browser: Browser;
let page: Page;
let token: string;

beforeAll(async () => {
  h = await startCoordinator({ auth: "jwt", env: { COORDINATOR_JWT_SECRET: SECRET } });
  const auth = h.server.auth;
  if (!auth) throw new Error("jwt mode built no auth stack");
  await auth.directory.createOrg({ orgId: "acme" });
  await auth.directory.addMember({ orgId: "acme", userId: "dana", role: "operator" });
  token = (await auth.issuer.issueToken({ orgId: "acme", userId: "dana" })).token;
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await h?.server.close();
});

describe("the dashboard in jwt mode", () => {
  it("asks for a token, then follows the org live and shows who is signed in", async () => {
    const errors = watchConsole(page);
    await page.goto(h.dashboardUrl);
    const dialog = page.getByTestId("sign-in");
    await dialog.waitFor({ timeout: 5_000 });
    expect(await page.getByTestId("connection").textContent()).not.toContain("Live");
    await dialog.getByLabel("Token").fill(token);
    await dialog.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("connection").getByText("Live").waitFor({ timeout: 5_000 });
    expect(await page.getByTestId("signed-in").textContent()).toContain("dana @ acme");
    // Kept per tab, never as a cookie.
    expect(await page.context().cookies()).toEqual([]);
    expect(await page.evaluate(() => sessionStorage.getItem("mcp-coordinator-token"))).toBe(token);
    // Only the 401s before sign-in were logged.
    expect(errors.filter((e) => !e.includes("401"))).toEqual([]);
  });

  it("asks again when the server revokes the token", async () => {
    const auth = h.server.auth;
    if (!auth) throw new Error("no auth");
    const [info] = await auth.directory.listTokens({ orgId: "acme", userId: "dana" });
    await auth.directory.revokeToken({ orgId: "acme", tokenId: info?.id ?? "" });
    await page.getByTestId("sign-in").waitFor({ timeout: 8_000 });
    expect(await page.getByTestId("sign-in").textContent()).toContain("refused");
  });
});
