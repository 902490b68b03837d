// Child process of realistic-load.bench.ts: N MQTT followers of one org (`coordinator/{org}/#`, QoS 1),
// in their own process so that their parsing does not share the load generator's event loop. Each
// follower keeps the seq of every live event it receives (retained replays are history, not news, and an
// empty payload only clears a retained topic). On {progress} it answers the lowest highest seq any
// follower has seen; on {stop, expected}, per follower, how many expected seqs it never received; then
// it exits.
import mqtt from "mqtt";

const [url, countArg, filter] = process.argv.slice(2);
const count = Number(countArg);
const followers = [];
for (let i = 0; i < count; i += 1) {
  const follower = { seqs: new Set(), highest: 0 };
  const client = await mqtt.connectAsync(url, { clientId: `load-follower-${i}`, reconnectPeriod: 0 });
  client.on("message", (_topic, payload, packet) => {
    if (packet.retain || payload.length === 0) return;
    const seq = JSON.parse(payload.toString()).seq;
    if (!Number.isSafeInteger(seq)) return;
    follower.seqs.add(seq);
    if (seq > follower.highest) follower.highest = seq;
  });
  await client.subscribeAsync(filter, { qos: 1 });
  follower.client = client;
  followers.push(follower);
}
process.send({ ready: true });

process.on("message", async (message) => {
  if (message?.type === "progress") {
    // The lowest "highest seq seen" over the followers: the bench waits for it to reach the log's end.
    const lowest = followers.reduce((low, f) => Math.min(low, f.highest), Number.MAX_SAFE_INTEGER);
    process.send({ type: "progress", lowestHighest: lowest });
    return;
  }
  if (message?.type !== "stop") return;
  await Promise.all(followers.map((f) => f.client.endAsync().catch(() => undefined)));
  const missing = (expected) => followers.map((f) => expected.filter((seq) => !f.seqs.has(seq)).length);
  process.send({
    type: "result",
    missingQos1: missing(message.expectedQos1),
    missingQos0: missing(message.expectedQos0),
    received: followers.map((f) => f.seqs.size),
    // The first QoS 1 seqs the worst follower missed, so the bench can name their event types.
    sampleMissing: followers
      .map((f) => message.expectedQos1.filter((seq) => !f.seqs.has(seq)))
      .reduce((worst, list) => (list.length > worst.length ? list : worst), [])
      .slice(0, 20),
  });
  process.exit(0);
});
