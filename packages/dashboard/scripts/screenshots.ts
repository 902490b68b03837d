/**
 * Renders the dashboard's views for the README and for review: a coordinator with in-memory adapters,
 * four agents with names like real hook agents, one consultation with a proposal, then each view at a
 * laptop width (1440 px) and at half a laptop (800 px). `pnpm screenshots [outDir]`.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { connectAgent, launchBrowser, startCoordinator } from "../test/harness.js";

const outDir = resolve(process.argv[2] ?? "docs/screenshots");
mkdirSync(outDir, { recursive: true });

const h = await startCoordinator();
const agents = await Promise.all(
  [
    ["cc-3f9a", "Claude Code 3f9a · shop/wt-auth@auth"],
    ["codex-81c2", "Codex 81c2 · shop@main"],
    ["gemini-55d0", "Gemini 55d0 · shop/wt-ui@ui"],
    ["alice", "Alice"],
  ].map(([id, name]) => connectAgent(h.server, id as string, name as string)),
);
const [claude, codex, gemini] = agents as [(typeof agents)[0], (typeof agents)[0], (typeof agents)[0]];
await claude.call("announce_work", {
  subject: "Refresh sessions before they expire and share the retry path",
  target_files: ["src/auth/session.ts", "src/auth/middleware.ts"],
});
const { thread_id: threadId } = await codex.call("announce_work", {
  subject: "Add rate limiting to every authenticated route and log refused requests with their request id",
  target_files: ["src/auth/middleware.ts"],
  depends_on_files: ["src/auth/session.ts"],
});
await gemini.call("announce_work", {
  subject: "Dark mode",
  target_files: ["src/ui/theme.ts"],
  target_modules: ["src/ui"],
});
await codex.call("post_to_thread", {
  thread_id: threadId,
  type: "context",
  content: "I only add a wrapper around the existing handler.",
});
await claude.call("propose_resolution", {
  thread_id: threadId,
  content: "I finish session.ts first; Codex rebases after.",
});

const browser = await launchBrowser();
try {
  for (const width of [1440, 800]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(h.dashboardUrl);
    await page.getByTestId("connection").getByText("Live").waitFor({ timeout: 10_000 });
    await page.locator('[data-agent="alice"]').waitFor({ timeout: 10_000 });
    const shot = (name: string) => page.screenshot({ path: join(outDir, `${name}-${width}.png`) });
    await shot("timeline");
    await page.locator(`[data-thread="${threadId}"]`).click();
    await page.getByTestId("thread-detail").waitFor();
    await shot("thread-detail");
    await page.keyboard.press("Escape");
    await page.keyboard.press("2");
    await page.getByTestId("conflict-map").waitFor();
    await shot("conflict-map");
    await page.keyboard.press("3");
    await page.getByTestId("scoring-chart").waitFor();
    await shot("scoring");
    await page.close();
  }
  console.log(`screenshots written to ${outDir}`);
} finally {
  await browser.close();
  for (const agent of agents) await agent.close();
  await h.server.close();
}
