const LEVELS: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO ",
  40: "WARN ",
  50: "ERROR",
  60: "FATAL",
};
/** Fields every line has, shown in the prefix or not at all. */
const SKIP = new Set(["level", "time", "pid", "hostname", "component", "msg", "v"]);

/**
 * One pino JSON line as a line for people: `08:04:12 INFO  server  coordinator ready  url=http://…`.
 * Our own formatter instead of pino-pretty: a terminal needs no more than this, and a solo install need
 * not carry pino-pretty and its dependencies. A line that is not pino JSON passes unchanged.
 */
export function formatLogLine(line: string): string {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(trimmed) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof entry.level !== "number" || typeof entry.msg !== "string") return line;
  const time = typeof entry.time === "number" ? new Date(entry.time).toTimeString().slice(0, 8) : "--:--:--";
  const level = LEVELS[entry.level] ?? String(entry.level).padEnd(5);
  const component = typeof entry.component === "string" ? `${entry.component.padEnd(12)} ` : "";
  const fields = Object.entries(entry)
    .filter(([key]) => !SKIP.has(key))
    .map(([key, value]) => `${key}=${show(value)}`);
  return `${time} ${level} ${component}${entry.msg}${fields.length ? `  ${fields.join(" ")}` : ""}\n`;
}

function show(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) || value === "" ? JSON.stringify(value) : value;
  if (value && typeof value === "object" && "message" in value && typeof value.message === "string")
    return JSON.stringify(value.message);
  return JSON.stringify(value);
}
