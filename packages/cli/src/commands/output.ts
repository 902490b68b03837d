import pc from "picocolors";

/** Colour only when writing to a terminal (and NO_COLOR is unset). */
export function colors(stream: NodeJS.WriteStream = process.stdout) {
  return pc.createColors(stream.isTTY === true && !process.env.NO_COLOR);
}

export function print(line = ""): void {
  process.stdout.write(`${line}\n`);
}
