// Child process of the benchmark: N MQTT subscribers, so their parsing does not share the server's event
// loop. Reports, per announcement subject, when the first and the last subscriber received it
// (performance.timeOrigin + performance.now(), comparable across processes).
import mqtt from "mqtt";

// The topic defaults to the coordinator's announcements; the floor bench passes its own.
const [url, countArg, topic = "coordinator/default/announcements/scored"] = process.argv.slice(2);
const count = Number(countArg);
const seen = new Map();
const now = () => performance.timeOrigin + performance.now();

const clients = [];
for (let i = 0; i < count; i++) {
  const client = await mqtt.connectAsync(url, { clientId: `bench-sub-${i}`, reconnectPeriod: 0 });
  await client.subscribeAsync(topic, {
    qos: Number(process.env.BENCH_SUB_QOS ?? 1),
  });
  client.on("message", (_topic, payload) => {
    const at = now();
    const { subject } = JSON.parse(payload.toString());
    const entry = seen.get(subject) ?? { first: at, remaining: count };
    entry.remaining -= 1;
    seen.set(subject, entry);
    if (entry.remaining === 0) {
      seen.delete(subject);
      process.send({ subject, first: entry.first, last: at });
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
