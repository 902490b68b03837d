import type {
  Credentials,
  Identity,
  IdentityResult,
  MqttAccess,
  Principal,
  TopicAuthorizer,
} from "@mcp-coordinator/core";
import { sleep, waitFor } from "@mcp-coordinator/test-support";
import mqtt, { type MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { type AedesEventBus, createEmbeddedBroker } from "../src/embedded/index.js";

/** Passwords are the user names reversed; alice is an agent of acme, eve an agent of evilcorp. */
const PRINCIPALS: Record<string, Principal> = {
  alice: { userId: "u-alice", orgId: "acme", role: "agent", agentId: "alice" },
  eve: { userId: "u-eve", orgId: "evilcorp", role: "agent", agentId: "eve" },
};

class InTestAuthorizer implements Identity, TopicAuthorizer {
  readonly mode = "test";
  readonly asked: [string, MqttAccess, string][] = [];
  async identify(credentials: Credentials): Promise<IdentityResult> {
    const refused = { ok: false, refusal: { reason: "unauthenticated", message: "bad password" } } as const;
    if (credentials.transport !== "mqtt") return refused;
    const { username, password } = credentials;
    if (username === null || password !== [...username].reverse().join("")) return refused;
    const principal = PRINCIPALS[username];
    return principal ? { ok: true, principal } : refused;
  }
  authorizeTopic(principal: Principal, access: MqttAccess, topic: string): boolean {
    this.asked.push([principal.userId, access, topic]);
    return !topic.endsWith("/forbidden");
  }
}

function accessOf(both: InTestAuthorizer) {
  return { identity: both, topics: both };
}

let bus: AedesEventBus;
const clients: MqttClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.endAsync(true);
  await bus?.close();
});

/** The granted QoS per filter, 128 where the broker refused it [MQTT-3.9.3]. */
async function grants(client: MqttClient, filters: string[], qos: 0 | 1): Promise<number[]> {
  const out: number[] = [];
  for (const filter of filters) {
    out.push(
      await client.subscribeAsync(filter, { qos }).then(
        (g) => g[0]?.qos ?? -1,
        () => 128,
      ),
    );
  }
  return out;
}

async function connectAs(user: string, password = [...user].reverse().join("")): Promise<MqttClient> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${bus.tcpPort}`, {
    username: user,
    password,
    clientId: user,
    reconnectPeriod: 0,
  });
  clients.push(client);
  return client;
}

describe("access hooks with an authorizer", () => {
  it("refuses a client whose credentials the authorizer rejects", async () => {
    bus = await createEmbeddedBroker({ port: 0, access: accessOf(new InTestAuthorizer()) });
    await expect(connectAs("alice", "wrong")).rejects.toThrow(/Not authorized|Bad username/i);
  });

  it("lets a client subscribe inside its org and refuses other orgs and the whole tree", async () => {
    bus = await createEmbeddedBroker({ port: 0, access: accessOf(new InTestAuthorizer()) });
    const alice = await connectAs("alice");
    expect(
      await grants(alice, ["coordinator/acme/#", "coordinator/evilcorp/#", "coordinator/#", "#"], 1),
    ).toEqual([1, 128, 128, 128]);
  });

  it("lets an agent publish its own status but not another agent's", async () => {
    bus = await createEmbeddedBroker({ port: 0, access: accessOf(new InTestAuthorizer()) });
    const watcher = await connectAs("alice");
    const seen: string[] = [];
    watcher.on("message", (topic) => seen.push(topic));
    await watcher.subscribeAsync("coordinator/acme/agents/#", { qos: 1 });
    const agent = await mqtt.connectAsync(`mqtt://127.0.0.1:${bus.tcpPort}`, {
      username: "alice",
      password: "ecila",
      clientId: "alice-2",
      reconnectPeriod: 0,
    });
    clients.push(agent);
    await agent.publishAsync("coordinator/acme/agents/alice/status", '{"status":"online"}', { qos: 1 });
    await waitFor(() => seen.length === 1);
    agent.publish("coordinator/acme/agents/bob/status", '{"status":"offline"}', { qos: 0 });
    await sleep(100);
    expect(seen).toEqual(["coordinator/acme/agents/alice/status"]);
  });

  it("never lets a client publish into another org", async () => {
    bus = await createEmbeddedBroker({ port: 0, access: accessOf(new InTestAuthorizer()) });
    const alice = await connectAs("alice");
    const seen: string[] = [];
    alice.on("message", (topic) => seen.push(topic));
    await alice.subscribeAsync("coordinator/acme/#", { qos: 1 });
    const eve = await connectAs("eve");
    eve.publish("coordinator/acme/broadcast", "{}", { qos: 0 });
    await sleep(100);
    expect(seen).toEqual([]);
  });

  it("gives the authorizer the last word inside the org", async () => {
    const authorizer = new InTestAuthorizer();
    bus = await createEmbeddedBroker({ port: 0, access: accessOf(authorizer) });
    const alice = await connectAs("alice");
    expect(await grants(alice, ["coordinator/acme/forbidden", "coordinator/acme/allowed"], 0)).toEqual([
      128, 0,
    ]);
    expect(authorizer.asked).toContainEqual(["u-alice", "subscribe", "coordinator/acme/allowed"]);
  });

  it("passes the authenticated principal to the client-gone hook", async () => {
    const gone: Principal[] = [];
    bus = await createEmbeddedBroker({
      port: 0,
      access: accessOf(new InTestAuthorizer()),
      onClientGone: (g) => gone.push(g.principal),
    });
    const alice = await connectAs("alice");
    alice.stream.destroy();
    await waitFor(() => gone.length === 1);
    expect(gone[0]).toEqual(PRINCIPALS.alice);
  });
});

describe("access hooks in open mode", () => {
  it("lets anonymous clients read their org and use topics outside coordinator/ freely", async () => {
    bus = await createEmbeddedBroker({ port: 0 });
    const anyone = await connectAs("anyone");
    expect(
      await grants(anyone, ["coordinator/default/#", "sensors/#", "coordinator/#", "coordinator/other/#"], 1),
    ).toEqual([1, 1, 128, 128]);
  });

  it("refuses a retained forged thread.opened, which never reaches later subscribers", async () => {
    bus = await createEmbeddedBroker({ port: 0 });
    const forger = await connectAs("forger");
    const forged = JSON.stringify({
      type: "thread.opened",
      thread_id: "T-forged",
      org_id: "default",
      agent_id: "alice",
      timestamp: 1,
      seq: 1,
    });
    await forger.publishAsync("sensors/kitchen", "21", { qos: 1, retain: true });
    // A refused PUBLISH closes the connection [MQTT-3.3.5-2], so each forgery gets its own client.
    forger.publish("coordinator/default/consultations/new", forged, { qos: 0, retain: true });
    (await connectAs("forger-2")).publish("coordinator/default/broadcast", "{}", { qos: 0, retain: true });
    await sleep(100);
    const late = await connectAs("late");
    const seen: string[] = [];
    late.on("message", (topic) => seen.push(topic));
    await late.subscribeAsync("coordinator/default/#", { qos: 1 });
    await late.subscribeAsync("sensors/#", { qos: 1 });
    await waitFor(() => seen.includes("sensors/kitchen"));
    await sleep(100);
    expect(seen).toEqual(["sensors/kitchen"]);
  });

  it("lets anonymous clients publish broadcast but nothing that speaks for the coordinator or an agent", async () => {
    bus = await createEmbeddedBroker({ port: 0 });
    const watcher = await connectAs("watcher");
    const seen: string[] = [];
    watcher.on("message", (topic) => seen.push(topic));
    await watcher.subscribeAsync("coordinator/default/#", { qos: 1 });
    // A refused PUBLISH closes the connection [MQTT-3.3.5-2], so each attempt gets its own client.
    (await connectAs("alice")).publish("coordinator/default/agents/alice/status", '{"status":"offline"}');
    (await connectAs("mallory")).publish("coordinator/default/consultations/T-1/status", "{}");
    await (await connectAs("anyone")).publishAsync("coordinator/default/broadcast", "{}", { qos: 1 });
    await waitFor(() => seen.length === 1);
    await sleep(100);
    expect(seen).toEqual(["coordinator/default/broadcast"]);
  });
});
