import type { Thread } from "../model/thread.js";

/**
 * The pairs (initiator, respondent) that more than one of `threads` joins, with how many: what "one live
 * thread per pair" tests expect to be empty.
 */
export function pairsInSeveralThreads(threads: readonly Thread[]): [string, number][] {
  const perPair = new Map<string, number>();
  for (const thread of threads) {
    for (const respondent of thread.respondentIds) {
      const pair = [thread.initiatorId, respondent].sort().join("|");
      perPair.set(pair, (perPair.get(pair) ?? 0) + 1);
    }
  }
  return [...perPair].filter(([, n]) => n > 1);
}
