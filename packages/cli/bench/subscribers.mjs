// Child process of the benchmark: N MQTT subscribers, so their parsing does not share the server's event
// loop. Reports, per announcement subject, when the first and the last subscriber received it
// (performance.timeOrigin + performance.now(), comparable across processes) and the payload's size.
import mqtt from "mqtt";

// The topic defaults to the coordinator's announcements; the floor bench passes its own.
const [url, countArg, topic = "coordinator/default/announcements/scored"] = process.argv.slice(2);
const count = Number(countArg);
// subject → when the first copy arrived and which subscribers have it. A set, not a countdown: a QoS 1
// redelivery to one subscriber must not stand in for another subscriber's missing copy.
const seen = new Map();
const now = () => performance.timeOrigin + performance.now();

const clients = [];
for (let i = 0; i < count; i++) {
  // The pid keeps two runs on the shared Mosquitto from taking over each other's sessions (same client id).
  const client = await mqtt.connectAsync(url, {
    clientId: `bench-sub-${process.pid}-${i}`,
    reconnectPeriod: 0,
  });
  await client.subscribeAsync(topic, {
    qos: Number(process.env.BENCH_SUB_QOS ?? 1),
  });
  client.on("message", (_topic, payload) => {
    const at = now();
    const { subject } = JSON.parse(payload.toString());
    const entry = seen.get(subject) ?? { first: at, got: new Set(), done: false };
    seen.set(subject, entry);
    // A finished entry is kept so that a late duplicate neither reports twice nor starts a new entry.
    if (entry.done) return;
    entry.got.add(i);
    if (entry.got.size === count) {
      entry.done = true;
      process.send({ subject, first: entry.first, last: at, bytes: payload.length });
    }
  });
  clients.push(client);
}
process.send({ ready: true });
process.on("message", async (message) => {
  if (message === "stop") {
    await Promise.all(clients.map((c) => c.endAsync()));
    process.exit(0);
  }
});
