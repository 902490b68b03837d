import { closeSync, writeSync } from "node:fs";
import { get } from "node:http";
import type { Readable } from "node:stream";

/**
 * Readiness from a daemon to the `server start --daemon` that spawned it, over a pipe instead of the
 * parent polling the PID file and /health/ready: the parent learns it the moment it is true, and loads
 * no HTTP client. The parent passes the pipe as the child's fd 3 and names it in this variable, so a
 * server started any other way never writes to an fd it does not own.
 */
export const READY_FD_ENV = "MCP_COORDINATOR_READY_FD";

const READY_LINE = "ready\n";
const RETRY_MS = 20;

/**
 * In the daemon, once it listens: waits until its own /health/ready answers 200 (the same check the
 * parent used to make), then writes one line on the pipe and closes it; past `timeoutMs` it closes the
 * pipe without a word, which the parent reads as "not ready". A parent that is gone (it timed out)
 * makes the write fail with EPIPE, which changes nothing for the daemon.
 */
export async function signalReady(url: string, fd: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let ready = await answersReady(`${url}/health/ready`);
  while (!ready && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    ready = await answersReady(`${url}/health/ready`);
  }
  try {
    if (ready) writeSync(fd, READY_LINE);
  } catch {
    // The parent gave up waiting and exited: nobody to tell.
  }
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
}

function answersReady(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("error", () => resolve(false));
  });
}

export type ReadyOutcome =
  | { readonly ready: true }
  | { readonly ready: false; readonly exitCode: number | null };

/**
 * In the parent: resolves when the daemon reports ready on `pipe`; or not ready when it exits first
 * (with its exit code), closes the pipe without reporting, or `timeoutMs` passes (exitCode null: still
 * running).
 */
export function awaitReady(
  pipe: Readable,
  child: { once(event: "exit", listener: (code: number | null, signal: string | null) => void): unknown },
  timeoutMs: number,
): Promise<ReadyOutcome> {
  return new Promise((resolve) => {
    let received = "";
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const settle = (outcome: ReadyOutcome) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      pipe.destroy();
      resolve(outcome);
    };
    timers.push(setTimeout(() => settle({ ready: false, exitCode: null }), timeoutMs));
    pipe.setEncoding("utf8");
    pipe.on("data", (chunk: string) => {
      received += chunk;
      if (received.includes(READY_LINE)) settle({ ready: true });
    });
    // A daemon that dies closes the pipe too, often a moment before its exit is reported: give the exit
    // (and its code, which says why) a little time to arrive first.
    pipe.on("end", () => {
      timers.push(setTimeout(() => settle({ ready: false, exitCode: null }), EXIT_GRACE_MS));
    });
    pipe.on("error", () => undefined);
    child.once("exit", (code, signal) => settle({ ready: false, exitCode: code ?? (signal ? 1 : 0) }));
  });
}

const EXIT_GRACE_MS = 2_000;
