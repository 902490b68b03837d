import { describe, expect, it } from "vitest";
import { createLogger } from "./create-logger.js";

describe("createLogger", () => {
  it("writes readable lines when pretty, one JSON object per line otherwise", () => {
    const lines: string[] = [];
    const destination = { write: (line: string) => void lines.push(line) };
    createLogger({ level: "info", pretty: true, destination }).child({ component: "server" }).info("ready");
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO {2}server +ready\n$/);
    createLogger({ level: "info", destination }).info("ready");
    expect(JSON.parse(lines[1] as string)).toMatchObject({ level: 30, msg: "ready" });
  });
});
