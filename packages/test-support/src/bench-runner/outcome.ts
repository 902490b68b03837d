// How one bench of a package's run ended, in the words of the summary and of RESULTS.md's failure list.

export interface BenchOutcome {
  readonly name: string;
  readonly seconds: number;
  readonly code: number | null;
  readonly signal: string | null;
  /** The runner killed it for running past --timeout-minutes. */
  readonly timedOut: boolean;
  /** Why it could not start, if it could not. */
  readonly startError?: string;
  /** The signal that stopped the runner itself while this bench ran (Ctrl+C). */
  readonly interruptedBy?: string;
}

/** undefined for a bench that passed; else why it failed. */
export function failureReason(outcome: BenchOutcome, timeoutMinutes: number): string | undefined {
  if (outcome.startError !== undefined) return `could not start: ${outcome.startError}`;
  if (outcome.timedOut) return `timed out after ${timeoutMinutes} min (process group killed)`;
  if (outcome.interruptedBy !== undefined) return `interrupted by ${outcome.interruptedBy}`;
  if (outcome.signal !== null) return `killed by ${outcome.signal}`;
  if (outcome.code !== 0) return `exit code ${outcome.code}`;
  return undefined;
}

/** The lines printed after a package's benches: one per bench, then those never started. */
export function summaryLines(
  packageName: string,
  outcomes: readonly BenchOutcome[],
  notRun: readonly string[],
  timeoutMinutes: number,
): string[] {
  const width = Math.max(...[...outcomes.map((o) => o.name), ...notRun].map((name) => name.length));
  const failed = outcomes.filter((o) => failureReason(o, timeoutMinutes) !== undefined).length;
  const counts = [`${outcomes.length - failed} passed`, `${failed} failed`];
  if (notRun.length > 0) counts.push(`${notRun.length} not run`);
  return [
    `${packageName} benches: ${counts.join(", ")}`,
    ...outcomes.map((o) => {
      const reason = failureReason(o, timeoutMinutes);
      const time = `${o.seconds.toFixed(0).padStart(5)} s`;
      return `  ${reason === undefined ? "ok     " : "FAILED "} ${o.name.padEnd(width)} ${time}${reason === undefined ? "" : `  ${reason}`}`;
    }),
    ...notRun.map((name) => `  not run ${name}`),
  ];
}
