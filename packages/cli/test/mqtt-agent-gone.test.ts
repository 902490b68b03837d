import type { Identity } from "@mcp-coordinator/core";
import { MemoryStore } from "@mcp-coordinator/core/testing";
import mqtt from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { postJson, startTestServer } from "./helpers.js";

let server: CoordinatorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** HTTP callers are the open principal; an MQTT client with user name `alice` and password `ecila` is agent alice. */
const agentCredentials: Identity = {
  mode: "test",
  identify: async (credentials) => {
    if (credentials.transport === "mqtt" && credentials.username === "alice") {
      return credentials.password === "ecila"
        ? { ok: true, principal: { userId: "u-alice", orgId: "default", role: "agent", agentId: "alice" } }
        : { ok: false, refusal: { reason: "unauthenticated", message: "bad password" } };
    }
    return { ok: true, principal: { userId: "local", orgId: "default", role: "admin", agentId: null } };
  },
};

async function aliceAnnounced(identity?: Identity) {
  const store = new MemoryStore();
  server = await startTestServer({ store, bus: undefined, ...(identity ? { identity } : {}) });
  const url = server.url;
  expect((await postJson(`${url}/api/agents/register`, { name: "Alice", agent_id: "alice" })).status).toBe(
    200,
  );
  const announced = await postJson(`${url}/api/announce`, {
    agent_id: "alice",
    subject: "refactor the parser",
    target_files: ["src/parser.ts"],
  });
  expect(announced.status).toBe(200);
  const state = async () => {
    const [agent, active] = await store.transaction(async (tx) => [
      await tx.getAgent("default", "alice"),
      await tx.listAnnouncements("default", { agentId: "alice", activeAt: Date.now() }),
    ]);
    return { status: agent?.status, announcements: active.length };
  };
  return { mqttUrl: server.mqttUrl as string, state };
}

async function dropAbruptly(client: mqtt.MqttClient): Promise<void> {
  const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
  client.stream.destroy();
  await closed;
  // The broker learns of the lost socket on its side; give it a moment to run its client-gone hook.
  await new Promise((resolve) => setTimeout(resolve, 200));
}

describe("an MQTT disconnect marks an agent offline only when the connection was that agent's", () => {
  it("a stranger using an agent's id as client id and dropping leaves the agent online and its announcement active", async () => {
    const { mqttUrl, state } = await aliceAnnounced();
    expect(await state()).toEqual({ status: "online", announcements: 1 });
    const stranger = await mqtt.connectAsync(mqttUrl, { clientId: "alice", reconnectPeriod: 0 });
    await dropAbruptly(stranger);
    const polite = await mqtt.connectAsync(mqttUrl, { clientId: "alice", reconnectPeriod: 0 });
    await polite.endAsync();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await state()).toEqual({ status: "online", announcements: 1 });
  });

  it("a connection identified as the agent does mark it offline when it drops", async () => {
    const { mqttUrl, state } = await aliceAnnounced(agentCredentials);
    const agent = await mqtt.connectAsync(mqttUrl, {
      clientId: "any-id",
      username: "alice",
      password: "ecila",
      reconnectPeriod: 0,
    });
    await dropAbruptly(agent);
    await expect.poll(state, { timeout: 5_000 }).toEqual({ status: "offline", announcements: 0 });
  });

  it("refuses an MQTT client whose credentials the identity rejects", async () => {
    const { mqttUrl } = await aliceAnnounced(agentCredentials);
    await expect(
      mqtt.connectAsync(mqttUrl, { username: "alice", password: "wrong", reconnectPeriod: 0 }),
    ).rejects.toThrow(/Not authorized/i);
  });
});
