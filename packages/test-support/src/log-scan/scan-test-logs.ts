import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** A log line that shows a credential. */
export interface LeakFinding {
  readonly file: string;
  readonly line: number;
  /** What was found, masked: the kind and the first characters. */
  readonly what: string;
}

/**
 * Credential shapes no log line may show, whoever used them. Written independently of the server's
 * redaction patterns on purpose: a check that reused them could not catch a gap in them.
 */
const SHAPES: ReadonlyArray<{ readonly kind: string; readonly pattern: RegExp }> = [
  // A compact JWS/JWT: a base64url JOSE header, a payload and a signature.
  { kind: "JWT", pattern: /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  // A bearer credential that was not replaced.
  { kind: "bearer credential", pattern: /Bearer\s+(?!\[Redacted\])[A-Za-z0-9._~+/=-]{12,}/i },
  // A password in a URL's userinfo.
  { kind: "URL password", pattern: /[a-z][a-z0-9+.-]*:\/\/[^:/@\s"]+:(?!\[Redacted\])[^@\s"/]+@/i },
];

const mask = (text: string) => `${text.slice(0, 6)}…(${text.length} chars)`;

/** The credentials the tests recorded (rememberSecret), from every worker's file. */
export function rememberedSecrets(dir: string): string[] {
  return recordedLines(dir, "secrets-");
}

/** Every line of one log text that shows a recorded secret or a credential shape. */
export function findLeaks(file: string, text: string, secrets: readonly string[]): LeakFinding[] {
  const findings: LeakFinding[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === "") continue;
    const secret = secrets.find((s) => line.includes(s));
    if (secret !== undefined) {
      findings.push({ file, line: i + 1, what: `a secret the tests used: ${mask(secret)}` });
      continue;
    }
    for (const { kind, pattern } of SHAPES) {
      const match = pattern.exec(line);
      if (match) {
        findings.push({ file, line: i + 1, what: `${kind}: ${mask(match[0])}` });
        break;
      }
    }
  }
  return findings;
}

/** The lines of the files named `<prefix>*.txt` that every worker wrote into the directory. */
function recordedLines(dir: string, prefix: string): string[] {
  const lines = new Set<string>();
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith(".txt")) continue;
    for (const line of readFileSync(join(dir, name), "utf8").split("\n")) if (line !== "") lines.add(line);
  }
  return [...lines];
}

/** Every `*.log` / `*.jsonl` file under a directory, its subdirectories included. */
function logFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".log") || name.endsWith(".jsonl"))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Scans every collected log file (`*.log`, `*.jsonl`) of the directory, and those left in the log
 * directories the tests recorded (rememberLogDir: a daemon's data dir); returns the lines that leak.
 */
export function scanTestLogs(dir: string): {
  readonly files: number;
  readonly lines: number;
  readonly leaks: LeakFinding[];
} {
  const secrets = rememberedSecrets(dir);
  const leaks: LeakFinding[] = [];
  let files = 0;
  let lines = 0;
  const paths = [dir, ...recordedLines(dir, "log-dirs-")].flatMap(logFilesUnder);
  for (const path of paths) {
    const text = readFileSync(path, "utf8");
    files += 1;
    lines += text.split("\n").filter((l) => l !== "").length;
    const name = relative(dir, path);
    leaks.push(...findLeaks(name, text, secrets));
  }
  return { files, lines, leaks };
}
