import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileTokenStore } from "@mcp-coordinator/sdk/node";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login } from "../src/commands/login/login.js";
import { type OAuthServer, startOAuthServer } from "./oauth-server.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
let oauth: OAuthServer;
let browser: Browser;

beforeAll(async () => {
  oauth = await startOAuthServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
});

afterAll(async () => {
  await browser?.close();
  await oauth?.close();
});

describe("login --browser in a real browser (headless Chromium)", () => {
  it("goes through the coordinator and the identity provider and lands on the loopback page that says so", async () => {
    const home = mkdtempSync(join(tmpdir(), "chromium-login-"));
    const tokenDir = join(home, "tokens");
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    oauth.idp.signInAs("dana");
    const lines: string[] = [];
    let navigation: Promise<unknown> = Promise.resolve();
    await login(
      { url: oauth.server.url, browser: true },
      {
        env: { HOME: home },
        tokenDir,
        out: (line) => lines.push(line),
        openBrowser: async (url) => {
          navigation = page.goto(url);
        },
      },
    );
    await navigation;
    await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
    expect(await page.title()).toBe("Signed in · mcp-coordinator");
    expect(await page.textContent("p")).toBe("You are signed in to mcp-coordinator; you can close this tab.");
    // The page's own style applies under its CSP, and nothing on it was blocked.
    expect(await page.evaluate("getComputedStyle(document.body).maxWidth")).toBe("576px");
    expect(errors).toEqual([]);
    expect(lines.at(-1)).toMatch(/^Signed in as .+ \(org acme\)/);
    expect(await new FileTokenStore({ server: oauth.server.url, dir: tokenDir }).load()).not.toBeNull();
    await page.close();
  });
});
