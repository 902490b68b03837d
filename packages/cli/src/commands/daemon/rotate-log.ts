import { copyFileSync, existsSync, renameSync, statSync, truncateSync } from "node:fs";

export const LOG_MAX_BYTES = 10 * 1024 * 1024;
export const LOG_KEEP = 3;

/**
 * Size-based rotation for a log that a running daemon holds open in append mode: `log.N-1` → `log.N`, a
 * copy of the log → `log.1`, then the log is truncated in place (copy-truncate, as logrotate does), so the
 * daemon's open descriptor keeps working. Returns true when it rotated.
 */
export function rotateLog(file: string, maxBytes = LOG_MAX_BYTES, keep = LOG_KEEP): boolean {
  if (!existsSync(file) || statSync(file).size <= maxBytes) return false;
  for (let i = keep - 1; i >= 1; i--) {
    if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
  }
  copyFileSync(file, `${file}.1`);
  truncateSync(file, 0);
  return true;
}
