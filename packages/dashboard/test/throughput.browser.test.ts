import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CoordinatorEvent } from "@mcp-coordinator/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, type OpenDashboard, openDashboard, publish } from "./harness.js";

const OUT = fileURLToPath(new URL("../test-output/", import.meta.url));
const RATE = 1_000;
const SECONDS = 10;
const AGENTS = ["ada", "bea", "cy", "dov", "eli"];

let h: Harness;
let page: Page;
let consoleErrors: string[];

interface Dashboard {
  __dashboard: { eventCount: number; threadCount: number };
  __frames: number[];
}

let opened: OpenDashboard;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  opened = await openDashboard();
  ({ h, page, consoleErrors } = opened);
});

afterAll(async () => {
  await opened?.close();
});

/** The n-th synthetic event: a mix of new threads, messages, status changes, edits and activity. */
function eventAt(n: number, at: number): CoordinatorEvent {
  const actorId = AGENTS[n % AGENTS.length] as string;
  const base = { orgId: "default", actorId, userId: "local", at };
  const thread = `T-load-${Math.floor(n / 4)}`;
  switch (n % 4) {
    case 0:
      return {
        ...base,
        type: "thread.opened",
        thread: {
          threadId: thread,
          subject: `Load test change #${n / 4}`,
          initiatorId: actorId,
          respondentIds: [AGENTS[(n + 1) % AGENTS.length] as string],
          status: "open",
          round: 1,
          score: 100,
          layer: "0a",
          category: "concerned",
          targetFiles: [`src/load/file-${n % 50}.ts`],
          targetModules: [],
          deadlineAt: at + 600_000,
          createdAt: at,
        },
      };
    case 1:
      return {
        ...base,
        type: "thread.message",
        threadId: thread,
        message: {
          orgId: "default",
          id: `M-load-${n}`,
          threadId: thread,
          agentId: actorId,
          type: "context",
          content: `message ${n}`,
          round: 1,
          createdAt: at,
        },
      };
    case 2:
      return { ...base, type: "file.activity", path: `src/load/file-${n % 50}.ts`, action: "edit" };
    default:
      return {
        ...base,
        type: "thread.status",
        threadId: thread,
        status: "resolved",
        previousStatus: "open",
        round: 1,
        proposal: null,
        approvals: [],
        awaiting: [],
        resolution: { type: "consensus", content: "ok", reason: "everyone approved", by: null, at },
      };
  }
}

describe("the dashboard under load", () => {
  it(`follows ${RATE.toLocaleString()} events/s for ${SECONDS} s above 30 fps, losing none`, async () => {
    await publish(
      h,
      AGENTS.map((id) => ({
        orgId: "default",
        actorId: id,
        userId: "local",
        at: Date.now(),
        type: "agent.registered" as const,
        name: id.toUpperCase(),
        modules: [],
        reattached: false,
      })),
    );
    const startCount = await page.evaluate(
      () =>
        new Promise<number>((r) =>
          setTimeout(() => r((window as unknown as Dashboard).__dashboard.eventCount), 200),
        ),
    );
    await page.evaluate(() => {
      const w = window as unknown as Dashboard;
      w.__frames = [];
      const tick = (t: number) => {
        w.__frames.push(t);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });

    const total = RATE * SECONDS;
    const started = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
      if (due > sent) {
        const batch: CoordinatorEvent[] = [];
        for (let n = sent; n < due; n++) batch.push(eventAt(n, Date.now()));
        await publish(h, batch);
        sent = due;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const sendSeconds = (performance.now() - started) / 1000;
    await expect
      .poll(() => page.evaluate(() => (window as unknown as Dashboard).__dashboard.eventCount), {
        timeout: 5_000,
        interval: 50,
      })
      .toBe(startCount + total);

    const frames = await page.evaluate(() => (window as unknown as Dashboard).__frames);
    const first = frames[0] as number;
    const perSecond: number[] = [];
    for (let s = 0; s < SECONDS; s++) {
      perSecond.push(frames.filter((t) => t >= first + s * 1000 && t < first + (s + 1) * 1000).length);
    }
    let worstGap = 0;
    for (let i = 1; i < frames.length; i++)
      worstGap = Math.max(worstGap, (frames[i] as number) - (frames[i - 1] as number));
    const threads = await page.evaluate(() => (window as unknown as Dashboard).__dashboard.threadCount);
    const result = {
      events: total,
      received: total,
      send_seconds: Math.round(sendSeconds * 100) / 100,
      fps_per_second: perSecond,
      min_fps: Math.min(...perSecond),
      worst_frame_gap_ms: Math.round(worstGap),
      threads_on_timeline: threads,
    };
    writeFileSync(`${OUT}throughput.json`, `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `throughput: ${total} events in ${result.send_seconds} s, all received; fps per second ${perSecond.join(" ")} (min ${result.min_fps}), worst frame gap ${result.worst_frame_gap_ms} ms, ${threads} threads`,
    );
    expect(result.min_fps).toBeGreaterThanOrEqual(30);
    expect(await page.getByTestId("timeline-count").textContent()).toContain(
      (total / 4).toLocaleString("en-US"),
    );
  });

  it("scrolls a 10,000-thread timeline above 30 fps", async () => {
    const more: CoordinatorEvent[] = [];
    for (let n = RATE * SECONDS; n < RATE * SECONDS + 4 * 7_500; n += 4) more.push(eventAt(n, Date.now()));
    await publish(h, more);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as Dashboard).__dashboard.threadCount), {
        timeout: 5_000,
      })
      .toBe(10_000);
    const fps = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const list = document.querySelector("[data-testid=timeline]") as HTMLElement;
          let frames = 0;
          const start = performance.now();
          const step = () => {
            frames += 1;
            const elapsed = performance.now() - start;
            list.scrollTop = (elapsed / 2000) * (list.scrollHeight - list.clientHeight);
            if (elapsed < 2000) requestAnimationFrame(step);
            else resolve(Math.round(frames / (elapsed / 1000)));
          };
          requestAnimationFrame(step);
        }),
    );
    console.log(`timeline scroll over 10,000 threads: ${fps} fps`);
    await page.screenshot({ path: `${OUT}timeline-10k.png` });
    expect(fps).toBeGreaterThanOrEqual(30);
    expect(consoleErrors).toEqual([]);
  });
});
