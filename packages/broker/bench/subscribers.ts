// Child process of the latency bench: N MQTT.js subscribers, as agents would be (another process than
// the broker). Reports each event once every subscriber has it, and the latency samples at the end.
import mqtt, { type MqttClient } from "mqtt";

interface Start {
  kind: "start";
  url: string;
  count: number;
  qos: 0 | 1;
  filter: string;
}

const now = () => performance.timeOrigin + performance.now();
let clients: MqttClient[] = [];
const samples: number[] = [];
const seen = new Map<number, number>();
let expected = 0;

process.on("message", async (message: Start | { kind: "stop" }) => {
  if (message.kind === "start") {
    expected = message.count;
    clients = await Promise.all(
      Array.from({ length: message.count }, () =>
        mqtt.connectAsync(message.url, { reconnectPeriod: 0, protocolVersion: 4 }),
      ),
    );
    for (const client of clients) {
      client.on("message", (_topic, payload) => {
        const received = now();
        const event = JSON.parse(payload.toString()) as { seq: number; timestamp: number };
        samples.push(received - event.timestamp);
        const n = (seen.get(event.seq) ?? 0) + 1;
        seen.set(event.seq, n);
        if (n === expected) {
          seen.delete(event.seq);
          process.send?.({ kind: "delivered", seq: event.seq });
        }
      });
      await client.subscribeAsync(message.filter, { qos: message.qos });
    }
    process.send?.({ kind: "ready" });
  } else {
    await Promise.all(clients.map((client) => client.endAsync(true)));
    process.send?.({ kind: "samples", samples }, () => process.exit(0));
  }
});
