import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAgent, type Harness, type OpenDashboard, openDashboard } from "./harness.js";
import { screenshotPaths } from "./screenshot-paths.js";

const OUT = fileURLToPath(new URL("../test-output/", import.meta.url));
/** The bar for live updates: the page shows each event within 1 s. */
const WITHIN = { timeout: 1_000 };

let h: Harness;
let page: Page;
let consoleErrors: string[];

let opened: OpenDashboard;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  opened = await openDashboard();
  ({ h, page, consoleErrors } = opened);
});

afterAll(async () => {
  await opened?.close();
});

/** What a Claude Code Stop hook sends: one report of `turns` for the agent's session. */
async function report(agent: string, session: string, input: number, output: number) {
  const res = await fetch(`${h.server.url}/api/hooks/token-usage`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      agent_id: agent,
      name: agent,
      session,
      turns: [
        {
          message_id: `m-${session}-${input}`,
          model: "claude-sonnet-4-5",
          input_tokens: input,
          output_tokens: output,
          cache_read_tokens: 100,
          cache_creation_tokens: 0,
        },
      ],
    }),
  });
  expect(res.status).toBe(200);
}

describe("per-agent token gauges", () => {
  it("appear live on the agent's card with the session total, and add up across reports", async () => {
    const alice = await connectAgent(h.server, "tok-alice", "Alice");
    const card = page.locator('[data-agent="tok-alice"]');
    await card.waitFor({ timeout: 5_000 });
    await report("tok-alice", "s-1", 1000, 200);
    await expect.poll(() => card.getByTestId("token-total").textContent(), WITHIN).toBe("1.3k tokens");
    expect(await card.getByTestId("token-session").textContent()).toBe("this session: 1300 tokens");
    await report("tok-alice", "s-1", 500, 100);
    await expect
      .poll(() => card.getByTestId("token-session").textContent(), WITHIN)
      .toBe("this session: 2000 tokens");
    // A new session: its own total, while the gauge keeps the agent's whole spend.
    await report("tok-alice", "s-2", 10, 5);
    await expect
      .poll(() => card.getByTestId("token-session").textContent(), WITHIN)
      .toBe("this session: 115 tokens");
    expect(await card.getByTestId("token-total").textContent()).toBe("2.1k tokens");
    expect(await card.locator("meter").getAttribute("value")).toBe("2115");
    await card.screenshot({ path: `${OUT}token-gauge.png` });
    expect(consoleErrors).toEqual([]);
    await alice.close();
  });

  it("show the same totals after a reload: they start from the stored totals in the snapshot", async () => {
    const bob = await connectAgent(h.server, "tok-bob", "Bob");
    await report("tok-bob", "s-7", 40_000, 2_000);
    await page.reload();
    await page.getByTestId("connection").getByText("Live").waitFor({ timeout: 5_000 });
    const alice = page.locator('[data-agent="tok-alice"]');
    await expect.poll(() => alice.getByTestId("token-total").textContent(), WITHIN).toBe("2.1k tokens");
    expect(await alice.getByTestId("token-session").textContent()).toBe("this session: 115 tokens");
    expect(await alice.locator("meter").getAttribute("value")).toBe("2115");
    const card = page.locator('[data-agent="tok-bob"]');
    expect(await card.getByTestId("token-total").textContent()).toBe("42.1k tokens");
    // A report after the reload adds to the stored totals once.
    await report("tok-bob", "s-7", 1_000, 0);
    await expect
      .poll(() => card.getByTestId("token-session").textContent(), WITHIN)
      .toBe("this session: 43200 tokens");
    for (const path of screenshotPaths("token-gauges.png", { docs: true }))
      await page.getByTestId("agents").screenshot({ path });
    expect(consoleErrors).toEqual([]);
    await bob.close();
  });
});
