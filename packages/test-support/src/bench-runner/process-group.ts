// A bench runs as the leader of its own process group (benches start servers, brokers and browsers as
// children), so the package runner can stop all of it: when it runs past its time bound, and when it
// exits leaving something running that would load the machine under the next bench. POSIX only.
import { readdirSync, readFileSync } from "node:fs";

// How long a bench's processes get to finish after SIGTERM (closing servers, removing temp dirs)
// before SIGKILL.
const GRACE_MS = 5_000;

/** Sends the signal to every process of the group; false when the group has no process left. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a process of the group still runs. A zombie does not count: a child the bench killed just
 * before exiting stays in the group until init reaps it, which can take seconds, and is no load.
 * Without /proc (not Linux) any process counts.
 */
export function groupRuns(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return signalGroup(pgid, 0);
  }
  return entries.some((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(pgrp) === pgid && state !== "Z";
    } catch {
      return false; // the process ended while the list was read
    }
  });
}

/** SIGTERM to what runs in the group, SIGKILL to what still runs after the grace period; false when nothing ran. */
export async function stopGroup(pgid: number): Promise<boolean> {
  if (!groupRuns(pgid)) return false;
  signalGroup(pgid, "SIGTERM");
  const deadline = Date.now() + GRACE_MS;
  while (Date.now() < deadline && groupRuns(pgid)) await new Promise((r) => setTimeout(r, 100));
  signalGroup(pgid, "SIGKILL");
  return true;
}
