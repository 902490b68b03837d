import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { CoordinatorEvent, SequencedEvent } from "@mcp-coordinator/core";
import { MemoryEventBus, MemoryStore } from "@mcp-coordinator/core/testing";
import { testLogger } from "@mcp-coordinator/test-support";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type Browser, chromium, type Page } from "playwright-core";
// The server package depends on this one (it serves the build), so it is reached through its built
// entry rather than a workspace dependency, which would make a cycle; turbo builds it first.
import { type CoordinatorServer, type StartServerOptions, startServer } from "../../cli/dist/index.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface Harness {
  readonly server: CoordinatorServer;
  readonly store: MemoryStore;
  readonly bus: MemoryEventBus;
  readonly dashboardUrl: string;
}

/** A coordinator on ephemeral ports with in-memory adapters, serving this package's build. */
export async function startCoordinator(extra: Partial<StartServerOptions> = {}): Promise<Harness> {
  const store = new MemoryStore();
  const bus = new MemoryEventBus();
  const server = await startServer({
    port: 0,
    mqttPort: 0,
    env: {},
    configFile: null,
    dataDir: process.env.TMPDIR ?? "/tmp",
    logger: testLogger(),
    store,
    bus,
    sseKeepAliveMs: 2_000,
    drainMs: 200,
    ...extra,
  });
  return { server, store, bus, dashboardUrl: `${server.url}/dashboard/` };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** A coordinator, Chromium and one 1,440 × 900 page on its dashboard, live: what most browser tests start from. */
export interface OpenDashboard {
  readonly h: Harness;
  readonly browser: Browser;
  readonly page: Page;
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

export async function openDashboard(extra: Partial<StartServerOptions> = {}): Promise<OpenDashboard> {
  const h = await startCoordinator(extra);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const consoleErrors = watchConsole(page);
  await page.goto(h.dashboardUrl);
  await page.getByTestId("connection").getByText("Live").waitFor({ timeout: 5_000 });
  return {
    h,
    browser,
    page,
    consoleErrors,
    async close() {
      await browser.close();
      await h.server.close();
    },
  };
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return errors;
}

/** One agent: an MCP client session over Streamable HTTP, registered under `id`. */
export async function connectAgent(server: CoordinatorServer, id: string, name: string) {
  const client = new Client({ name: `test-${id}`, version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl)));
  const call = async (tool: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name: tool, arguments: args });
    if (result.isError) throw new Error(`${tool}: ${JSON.stringify(result.content)}`);
    return (result.structuredContent ?? {}) as Record<string, unknown>;
  };
  await call("register_agent", { name, agent_id: id });
  return { id, call, close: () => client.close() };
}

/** axe-core's source, injected into the page for a scan. */
export function axeSource(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
}

export async function scanAccessibility(
  page: Page,
): Promise<Array<{ id: string; impact: string; nodes: number; targets: string }>> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource() });
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time, untyped here.
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v: { id: string; impact: string; nodes: Array<{ target: string[] }> }) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
      targets: v.nodes.map((n) => n.target.join(" ")).join(" | "),
    }));
  });
}

/** Appends events to the store's log (which numbers them) and publishes them, as a use case does. */
export async function publish(h: Harness, events: CoordinatorEvent[]): Promise<SequencedEvent[]> {
  const sequenced = await h.store.transaction((tx) => tx.appendEvents(events));
  await h.bus.publish(sequenced);
  return sequenced;
}
