import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAgent, type Harness, launchBrowser, startCoordinator, watchConsole } from "./harness.js";

/**
 * What a newcomer reads off the dashboard must be true after a reload and in a narrow window: the
 * header's event count, who is working, the thread an agent waits on, names rather than ids, icons that
 * need no emoji font.
 */
const LONG_SUBJECT =
  "Add rate limiting to every authenticated route and log refused requests with their request id for the audit trail";
const EMOJI = /\p{Extended_Pictographic}/u;

let h: Harness;
let browser: Browser;
let agents: Awaited<ReturnType<typeof connectAgent>>[] = [];
let threadId: string;

beforeAll(async () => {
  h = await startCoordinator();
  browser = await launchBrowser();
  const claude = await connectAgent(h.server, "cc-3f9a", "Claude Code 3f9a · shop/wt-auth@auth");
  const codex = await connectAgent(h.server, "codex-81c2", "Codex 81c2 · shop@main");
  const idle = await connectAgent(h.server, "alice", "Alice");
  agents = [claude, codex, idle];
  await claude.call("announce_work", {
    subject: "Refresh sessions before expiry",
    target_files: ["src/auth/session.ts", "src/auth/middleware.ts"],
  });
  const opened = await codex.call("announce_work", {
    subject: LONG_SUBJECT,
    target_files: ["src/auth/middleware.ts"],
  });
  threadId = opened.thread_id as string;
  await claude.call("propose_resolution", { thread_id: threadId, content: "I finish session.ts first." });
});

afterAll(async () => {
  for (const a of agents) await a.close();
  await browser?.close();
  await h?.server.close();
});

async function open(width: number): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors = watchConsole(page);
  await page.goto(h.dashboardUrl);
  await page.getByTestId("connection").getByText("Live").waitFor({ timeout: 5_000 });
  await page.locator('[data-agent="alice"]').waitFor({ timeout: 5_000 });
  return { page, errors };
}

const activityOf = (page: Page, id: string) =>
  page.locator(`[data-agent="${id}"] [data-testid=agent-activity]`).textContent();

describe("a dashboard that tells the truth", () => {
  it("counts the org's events from its log, and the count survives a reload", async () => {
    const { page, errors } = await open(1440);
    const count = async () =>
      Number((await page.getByTestId("event-count").textContent())?.replace(/\D/g, ""));
    // Everything happened before the page opened: the log still holds it.
    const first = await count();
    expect(first).toBeGreaterThan(5);
    await agents[2]?.call("heartbeat", {});
    await page.reload();
    await page.getByTestId("connection").getByText("Live").waitFor({ timeout: 5_000 });
    await expect.poll(count).toBeGreaterThanOrEqual(first);
    await agents[2]?.call("announce_work", { subject: "Docs", target_files: ["README.md"] });
    await expect.poll(count, { timeout: 5_000 }).toBeGreaterThan(first);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows an agent with announced work as working after a reload, and the thread another waits on", async () => {
    const { page } = await open(1440);
    expect(await activityOf(page, "cc-3f9a")).toBe("working");
    expect(await activityOf(page, "codex-81c2")).toBe("waiting");
    const link = page.locator('[data-agent="codex-81c2"] .waits-on button');
    expect(await link.getAttribute("title")).toBe(LONG_SUBJECT);
    // Cut to fit, but still a link as wide as the line allows, not a bare ellipsis.
    expect((await link.boundingBox())?.width ?? 0).toBeGreaterThan(100);
    await link.click();
    await page.getByTestId("thread-detail").getByText(LONG_SUBJECT).waitFor({ timeout: 2_000 });
    // Approvals and awaited agents by name, the id on hover.
    const detail = page.getByTestId("thread-detail");
    await detail.getByTestId("awaiting").getByText("Codex 81c2 · shop@main").waitFor({ timeout: 2_000 });
    expect(await detail.getByTestId("awaiting").locator("[data-agent-id]").getAttribute("title")).toBe(
      "codex-81c2",
    );
    await page.close();
  });

  it("draws the conflict map's marks without emoji", async () => {
    const { page } = await open(1440);
    await page.keyboard.press("2");
    const map = page.getByTestId("conflict-map");
    await map.waitFor({ timeout: 2_000 });
    expect(await map.locator("svg.hold-icon").count()).toBeGreaterThan(0);
    expect(await page.locator(".conflicts").textContent()).not.toMatch(EMOJI);
    await page.close();
  });

  it("fits an 800 px window: no timeline column cut off, the thread detail over the timeline, names whole", async () => {
    const { page, errors } = await open(800);
    const row = page.locator(`[data-thread="${threadId}"]`);
    await row.waitFor({ timeout: 2_000 });
    const overflow = await row.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    const viewport = page.viewportSize()?.width ?? 800;
    for (const cell of await row.locator(":scope > *:visible").all()) {
      const box = await cell.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(viewport);
    }
    // The part of a name that tells agents apart is at its end: it is shown, not cut.
    const name = page.locator('[data-agent="cc-3f9a"] .agent-name');
    expect(await name.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    await row.click();
    const detail = page.getByTestId("thread-detail");
    await detail.waitFor({ timeout: 2_000 });
    const box = await detail.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(400);
    // Layer names wrap instead of losing their end.
    await page.keyboard.press("Escape");
    await page.keyboard.press("3");
    const label = page.locator(".bar-label").nth(1);
    await label.waitFor({ timeout: 2_000 });
    expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
