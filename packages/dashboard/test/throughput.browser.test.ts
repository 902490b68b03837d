import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  eventCount,
  measureFps,
  publishAtRate,
  publishThreads,
  registerLoadAgents,
  settledEventCount,
  threadCount,
} from "./event-load.js";
import { type Harness, type OpenDashboard, openDashboard } from "./harness.js";

// What a user would notice under load: nothing lost, the counts right, no errors. How smoothly the page
// keeps up (frames per second) is a speed, measured by `pnpm bench` (bench/throughput.bench.ts) beside
// the page's idle frame rate, not asserted here: a loaded CI machine would make it a coin toss.
const RATE = 1_000;
const SECONDS = 10;

let h: Harness;
let page: Page;
let consoleErrors: string[];
let opened: OpenDashboard;

beforeAll(async () => {
  opened = await openDashboard();
  ({ h, page, consoleErrors } = opened);
});

afterAll(async () => {
  await opened?.close();
});

describe("the dashboard under load", () => {
  it(`follows ${RATE.toLocaleString()} events/s for ${SECONDS} s, losing none`, async () => {
    await registerLoadAgents(h);
    const startCount = await settledEventCount(page);
    const total = RATE * SECONDS;
    await publishAtRate(h, RATE, total);
    await expect.poll(() => eventCount(page), { timeout: 10_000, interval: 50 }).toBe(startCount + total);
    await expect
      .poll(() => page.getByTestId("timeline-count").textContent(), { timeout: 5_000 })
      .toContain((total / 4).toLocaleString("en-US"));
  });

  it("keeps a 10,000-thread timeline and scrolls it to the end", async () => {
    await publishThreads(h, 7_500, RATE * SECONDS);
    await expect.poll(() => threadCount(page), { timeout: 10_000 }).toBe(10_000);
    await measureFps(page, { ms: 2_000, scrollTimeline: true });
    const atEnd = await page.evaluate(() => {
      const list = document.querySelector("[data-testid=timeline]") as HTMLElement;
      return list.scrollTop + list.clientHeight >= list.scrollHeight - 2 * list.clientHeight;
    });
    expect(atEnd).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
