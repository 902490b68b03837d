import type { CoordinatorEvent } from "@mcp-coordinator/core";
import type { Page } from "playwright-core";
import { type Harness, publish } from "./harness.js";

/**
 * The synthetic load the throughput test and the frame-rate bench both drive through a live dashboard:
 * five agents, then a steady mix of new threads, messages, edits and resolutions at a fixed rate.
 */
export const LOAD_AGENTS = ["ada", "bea", "cy", "dov", "eli"];

interface DashboardWindow {
  __dashboard: { eventCount: number; threadCount: number };
  __frames: number[];
}

/** The n-th synthetic event: a mix of new threads, messages, status changes, edits and activity. */
export function loadEventAt(n: number, at: number): CoordinatorEvent {
  const actorId = LOAD_AGENTS[n % LOAD_AGENTS.length] as string;
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
          respondentIds: [LOAD_AGENTS[(n + 1) % LOAD_AGENTS.length] as string],
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

export async function registerLoadAgents(h: Harness): Promise<void> {
  await publish(
    h,
    LOAD_AGENTS.map((id) => ({
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
}

/** How many events the page has applied, read after a short settle so in-flight ones land first. */
export function settledEventCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((r) =>
        setTimeout(() => r((window as unknown as DashboardWindow).__dashboard.eventCount), 200),
      ),
  );
}

export function eventCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as DashboardWindow).__dashboard.eventCount);
}

export function threadCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as DashboardWindow).__dashboard.threadCount);
}

/** Publishes `total` events starting at event number `from`, paced at `rate` per second; answers the seconds it took. */
export async function publishAtRate(h: Harness, rate: number, total: number, from = 0): Promise<number> {
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    if (due > sent) {
      const batch: CoordinatorEvent[] = [];
      for (let n = sent; n < due; n++) batch.push(loadEventAt(from + n, Date.now()));
      await publish(h, batch);
      sent = due;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return (performance.now() - started) / 1000;
}

/** Publishes `threads` more threads in one go (for the long-timeline cases). */
export async function publishThreads(h: Harness, threads: number, from: number): Promise<void> {
  const more: CoordinatorEvent[] = [];
  for (let n = from; n < from + 4 * threads; n += 4) more.push(loadEventAt(n, Date.now()));
  await publish(h, more);
}

/** Starts recording every animation frame's timestamp in the page. */
export function startFrameRecorder(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as DashboardWindow;
    w.__frames = [];
    const tick = (t: number) => {
      w.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Frames per whole second since the recorder started, and the longest gap between two frames. */
export async function recordedFrameRates(
  page: Page,
  seconds: number,
): Promise<{ perSecond: number[]; worstGapMs: number }> {
  const frames = await page.evaluate(() => (window as unknown as DashboardWindow).__frames);
  const first = frames[0] as number;
  const perSecond: number[] = [];
  for (let s = 0; s < seconds; s++) {
    perSecond.push(frames.filter((t) => t >= first + s * 1000 && t < first + (s + 1) * 1000).length);
  }
  let worstGapMs = 0;
  for (let i = 1; i < frames.length; i++)
    worstGapMs = Math.max(worstGapMs, (frames[i] as number) - (frames[i - 1] as number));
  return { perSecond, worstGapMs: Math.round(worstGapMs) };
}

/**
 * The frame rate the page keeps over `ms`, optionally while scrolling the timeline from top to bottom.
 * Idle (no scrolling, no events) it is the floor the loaded frame rates are judged against.
 */
export function measureFps(page: Page, options: { ms: number; scrollTimeline: boolean }): Promise<number> {
  return page.evaluate(
    ({ ms, scrollTimeline }) =>
      new Promise<number>((resolve) => {
        const list = document.querySelector("[data-testid=timeline]") as HTMLElement | null;
        let frames = 0;
        const start = performance.now();
        const step = () => {
          frames += 1;
          const elapsed = performance.now() - start;
          if (scrollTimeline && list !== null)
            list.scrollTop = (elapsed / ms) * (list.scrollHeight - list.clientHeight);
          if (elapsed < ms) requestAnimationFrame(step);
          else resolve(Math.round(frames / (elapsed / 1000)));
        };
        requestAnimationFrame(step);
      }),
    options,
  );
}
