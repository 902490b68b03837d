import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAgent, type Harness, type OpenDashboard, openDashboard } from "./harness.js";

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

describe("symbols on the dashboard", () => {
  it("the conflict map names each agent's symbols in a shared file, and a thread on disjoint symbols says so", async () => {
    const alice = await connectAgent(h.server, "sym-alice", "Alice");
    const bob = await connectAgent(h.server, "sym-bob", "Bob");
    await alice.call("announce_work", {
      subject: "Harden login",
      target_files: ["src/auth.ts"],
      target_symbols: ["src/auth.ts#login"],
    });
    const announced = await bob.call("announce_work", {
      subject: "Log the logout",
      target_files: ["src/auth.ts"],
      target_symbols: ["src/auth.ts#logout", "src/auth.ts#Session.end"],
    });
    expect(announced).toMatchObject({ score: 50, layer: "0s" });
    // Alice's own announcement passed (nobody else was there): she holds the file once she edits it.
    const preEdit = await fetch(`${h.server.url}/api/hooks/pre-edit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ agent_id: "sym-alice", name: "Alice", path: "src/auth.ts" }),
    });
    expect(await preEdit.json()).toMatchObject({ conflict: false, claimed: true });

    await page.locator("#tab-conflicts").click();
    const tile = page.locator('[data-path="src/auth.ts"]');
    await tile.getByTestId("tile-relation").waitFor(WITHIN);
    expect(await tile.getByTestId("tile-relation").textContent()).toBe("disjoint symbols: no edit conflict");
    const chips = tile.locator(".chip");
    await expect
      .poll(() => chips.allTextContents(), WITHIN)
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Alice login$/),
          expect.stringMatching(/Bob Session\.end, logout$/),
        ]),
      );
    await tile.screenshot({ path: `${OUT}conflict-map-symbols.png` });

    await page.locator("#tab-timeline").click();
    await page.locator(`[data-thread="${announced.thread_id as string}"]`).click();
    const detail = page.getByTestId("thread-detail");
    await detail.waitFor(WITHIN);
    const symbols = detail.getByTestId("detail-symbols");
    await symbols.waitFor(WITHIN);
    expect(await symbols.textContent()).toBe(
      "disjoint symbols: Alice on login, the initiator on Session.end, logout",
    );
    await page.screenshot({ path: `${OUT}thread-disjoint-symbols.png` });

    // The same symbol: the map says so, and the score is the file's (100).
    const carol = await connectAgent(h.server, "sym-carol", "Carol");
    const same = await carol.call("announce_work", {
      subject: "Login with a realm",
      target_files: ["src/auth.ts"],
      target_symbols: ["src/auth.ts#login"],
    });
    expect(same).toMatchObject({ score: 100 });
    await page.locator("#tab-conflicts").click();
    await expect.poll(() => tile.getByTestId("tile-relation").textContent(), WITHIN).toBe("same symbols");
    expect(consoleErrors).toEqual([]);
    for (const agent of [alice, bob, carol]) await agent.close();
  });
});
