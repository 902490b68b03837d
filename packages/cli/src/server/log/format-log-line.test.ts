import { describe, expect, it } from "vitest";
import { formatLogLine } from "./format-log-line.js";

describe("log lines for people", () => {
  it("turns pino JSON into time, level, component, message and the other fields", () => {
    const time = new Date(2026, 0, 2, 8, 4, 12).getTime();
    const line = JSON.stringify({
      level: 30,
      time,
      pid: 7,
      component: "server",
      url: "http://127.0.0.1:3100",
      dataDir: "/home/me/my data",
      msg: "coordinator ready",
    });
    expect(formatLogLine(line)).toBe(
      '08:04:12 INFO  server       coordinator ready  url=http://127.0.0.1:3100 dataDir="/home/me/my data"\n',
    );
    const error = JSON.stringify({
      level: 50,
      time,
      msg: "shutdown failed",
      err: { message: "boom", stack: "…" },
    });
    expect(formatLogLine(error)).toBe('08:04:12 ERROR shutdown failed  err="boom"\n');
  });

  it("passes anything else through unchanged", () => {
    expect(formatLogLine("plain text\n")).toBe("plain text\n");
    expect(formatLogLine("{not json\n")).toBe("{not json\n");
  });
});
