import { describe, expect, it } from "vitest";
import { mqttTarget } from "./doctor-mqtt-target.js";

const base = {
  flagPort: undefined,
  serverUp: true,
  health: null,
  fallbackPort: 1883,
  fallbackWsOnly: false,
  host: "127.0.0.1",
  base: "http://127.0.0.1:3100",
  tls: false,
  wsPath: "/mqtt",
} as const;

describe("the broker doctor probes", () => {
  it("is the one /health names: TCP, else WebSocket, and none for an external broker", () => {
    expect(
      mqttTarget({ ...base, health: { tcp_port: 41000, ws_path: "/mqtt", external: false } }),
    ).toMatchObject({
      probe: true,
      url: "mqtt://127.0.0.1:41000",
    });
    expect(
      mqttTarget({ ...base, health: { tcp_port: null, ws_path: "/mqtt", external: false } }),
    ).toMatchObject({
      probe: true,
      url: "ws://127.0.0.1:3100/mqtt",
    });
    expect(mqttTarget({ ...base, health: { tcp_port: null, ws_path: null, external: true } })).toMatchObject({
      probe: false,
      ok: true,
    });
  });

  it("is nobody's when the coordinator is down, and --mqtt-port that disagrees with /health fails", () => {
    expect(mqttTarget({ ...base, serverUp: false })).toMatchObject({ probe: false, ok: false });
    expect(
      mqttTarget({ ...base, flagPort: 1883, health: { tcp_port: 41000, ws_path: null, external: false } }),
    ).toMatchObject({ probe: false, ok: false, detail: expect.stringContaining("TCP 41000") });
    expect(mqttTarget({ ...base, flagPort: 1883, serverUp: false })).toMatchObject({
      probe: true,
      url: "mqtt://127.0.0.1:1883",
    });
  });
});
