/** What a worker prints as its last stdout line, for the orchestrator. */
export interface WorkerReport {
  readonly agentId: string;
  readonly completed: readonly string[];
  readonly lostClaims: number;
}

export function workerReportLine(stdout: string): WorkerReport | null {
  const last = stdout.trim().split("\n").at(-1);
  try {
    return last ? (JSON.parse(last) as WorkerReport) : null;
  } catch {
    return null;
  }
}
