import { closeSync, existsSync, openSync, readSync, statSync, watchFile } from "node:fs";
import { formatLogLine } from "../../server/log/format-log-line.js";
import { CliError } from "../cli-error.js";
import { instanceFiles } from "../daemon/instance-files.js";
import { loadCliConfig } from "../load-config.js";

export async function run(flags: {
  dataDir?: string;
  lines: number;
  follow?: boolean;
  json?: boolean;
}): Promise<void> {
  // The log file is JSON (for tools); a terminal gets it readable unless --json.
  const show = !flags.json && process.stdout.isTTY ? readable : (text: string) => text;
  const config = loadCliConfig(flags);
  const { logFile } = instanceFiles(config.dataDir);
  if (!existsSync(logFile)) {
    throw new CliError(`no log at ${logFile} (the log is written by server start --daemon)`);
  }
  const size = statSync(logFile).size;
  process.stdout.write(show(lastLines(logFile, size, flags.lines)));
  if (!flags.follow) return;
  let position = size;
  watchFile(logFile, { interval: 250 }, (current) => {
    // Rotation truncates the file: start again from its beginning.
    if (current.size < position) position = 0;
    if (current.size > position) {
      process.stdout.write(show(readRange(logFile, position, current.size)));
      position = current.size;
    }
  });
  await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
}

/** The last `n` lines, reading backwards in 64 KiB blocks so a large log is not loaded whole. */
function lastLines(file: string, size: number, n: number): string {
  if (n <= 0 || size === 0) return "";
  let start = size;
  let text = "";
  while (start > 0) {
    const from = Math.max(0, start - 65_536);
    text = readRange(file, from, start) + text;
    start = from;
    if (text.split("\n").length > n + 1) break;
  }
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return `${lines.slice(-n).join("\n")}\n`;
}

function readRange(file: string, from: number, to: number): string {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(to - from);
    readSync(fd, buffer, 0, buffer.length, from);
    return buffer.toString("utf8");
  } finally {
    closeSync(fd);
  }
}

function readable(text: string): string {
  return text
    .split(/(?<=\n)/)
    .map((line) => formatLogLine(line))
    .join("");
}
