import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, launchBrowser, scanAccessibility, startCoordinator, watchConsole } from "./harness.js";
import { screenshotPaths } from "./screenshot-paths.js";

const OUT = fileURLToPath(new URL("../test-output/", import.meta.url));
/** The bar for live updates: the page shows each event within 1 s. */
const WITHIN = { timeout: 1_000 };
const TOKEN = "sk-ant-oat01-dashboard-quota-test";

let h: Harness;
let browser: Browser;
let page: Page;
let consoleErrors: string[];
let fake: Server;
let fiveHour = 41;

/** A local fake of the subscription usage endpoint, in the shape Claude Code's `/usage` reads. */
async function startUsageFake(): Promise<string> {
  fake = createServer((req, res) => {
    const ok = req.url === "/api/oauth/usage" && req.headers.authorization === `Bearer ${TOKEN}`;
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(
      JSON.stringify(
        ok
          ? {
              five_hour: { utilization: fiveHour, resets_at: "2026-12-03T15:00:00+00:00" },
              seven_day: { utilization: 62, resets_at: "2026-12-08T09:00:00+00:00" },
              seven_day_opus: null,
            }
          : { error: "unauthorized" },
      ),
    );
  });
  await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  const claudeDir = join(tmpdir(), `metrics-dashboard-claude-${process.pid}`);
  mkdirSync(claudeDir, { recursive: true });
  writeFileSync(
    join(claudeDir, ".credentials.json"),
    JSON.stringify({ claudeAiOauth: { accessToken: TOKEN, expiresAt: Date.now() + 3_600_000 } }),
  );
  h = await startCoordinator({
    env: {
      COORDINATOR_QUOTA_SOURCE: "claude",
      COORDINATOR_QUOTA_BASE_URL: await startUsageFake(),
      CLAUDE_CONFIG_DIR: claudeDir,
      MAX_QUOTA_PCT: "90",
    },
  });
  // The first reading happens at start; wait for it before the page loads.
  for (let i = 0; i < 100; i += 1) {
    const quota = (await (await fetch(`${h.server.url}/api/quota`)).json()) as { read_at: unknown };
    if (quota.read_at !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  consoleErrors = watchConsole(page);
  await page.goto(h.dashboardUrl);
  await page.getByTestId("connection").getByText("Live").waitFor({ timeout: 5_000 });
});

afterAll(async () => {
  await browser?.close();
  await h?.server.close();
  await new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve()));
});

describe("the quota widget", () => {
  it("shows the fullest window against MAX_QUOTA_PCT and a bar per window", async () => {
    const widget = page.getByTestId("quota");
    await widget.waitFor({ timeout: 5_000 });
    expect(await page.getByTestId("quota-utilization").textContent()).toBe("62%");
    expect(await widget.textContent()).toContain("of 90%");
    expect(await widget.locator("[data-window=five_hour]").textContent()).toContain("41%");
    expect(await widget.locator("[data-window=seven_day]").textContent()).toContain("62%");
    expect(await widget.locator("meter").count()).toBe(2);
  });

  it("follows quota.updated events live", async () => {
    fiveHour = 75;
    const refreshed = await fetch(`${h.server.url}/api/quota/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(refreshed.status).toBe(200);
    await expect
      .poll(() => page.getByTestId("quota").locator("[data-window=five_hour]").textContent(), WITHIN)
      .toContain("75%");
  });

  it("refreshes on the button and flags a quota over the limit", async () => {
    fiveHour = 96.5;
    await page.getByTestId("quota-refresh").click();
    await expect.poll(() => page.getByTestId("quota-utilization").textContent(), WITHIN).toBe("96.5%");
    expect(await page.getByTestId("quota").textContent()).toContain("over limit");
    for (const path of screenshotPaths("quota-widget.png", { docs: true }))
      await page.getByTestId("quota").screenshot({ path });
    await page.screenshot({ path: `${OUT}dashboard-with-quota.png` });
    const violations = (await scanAccessibility(page)).filter((v) => v.targets.includes("quota"));
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
