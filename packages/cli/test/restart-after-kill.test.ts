import { freePort } from "@mcp-coordinator/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { newHome, spawnServer } from "./cli-helpers.js";
import { tempDir } from "./helpers.js";

type Server = ReturnType<typeof spawnServer>;
const running: Server[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("after a kill -9 and a restart", () => {
  it("shows offline, once the reconnect grace has passed, the agents that did not come back", async () => {
    const home = newHome();
    const dataDir = tempDir("kill-restart-");
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const start = () => {
      const server = spawnServer(["--port", String(port), "--mqtt-port", "0", "--data-dir", dataDir], {
        home,
        env: { COORDINATOR_RECONNECT_GRACE_MS: "2000" },
      });
      running.push(server);
      return server;
    };
    const ready = () =>
      until(async () => ((await fetch(`${base}/health/ready`)).ok ? true : undefined), 30_000);
    const register = async (id: string) => {
      const response = await fetch(`${base}/api/agents/register`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-agent-id": id },
        body: JSON.stringify({ name: id }),
      });
      expect(response.status).toBe(200);
    };
    const statuses = async () => {
      const response = await fetch(`${base}/api/agents?include_offline=true`, {
        headers: { "x-agent-id": "observer" },
      });
      const body = (await response.json()) as { agents: { agent: { id: string; status: string } }[] };
      return Object.fromEntries(body.agents.map((a) => [a.agent.id, a.agent.status]));
    };

    const first = start();
    await ready();
    for (const id of ["gone-1", "gone-2", "back"]) await register(id);
    expect(await statuses()).toMatchObject({ "gone-1": "online", "gone-2": "online", back: "online" });
    first.child.kill("SIGKILL");
    await first.exited;

    start();
    await ready();
    await register("back");
    // Not the 15-minute online TTL: the grace (2 s) after the restart.
    const after = await until(async () => {
      const now = await statuses();
      return now["gone-1"] === "offline" && now["gone-2"] === "offline" ? now : undefined;
    }, 20_000);
    expect(after.back).toBe("online");
  }, 90_000);
});
