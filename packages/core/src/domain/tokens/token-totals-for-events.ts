import type { SequencedEvent } from "../../events.js";
import type { TokenTotals } from "../../model/token-totals.js";

/**
 * The token totals a committed batch of events adds: one row per `token_usage` event that names its
 * agent, its models summed. Derived from the logged events (which carry their seq) so the stored totals
 * and the event log always agree on what was counted.
 */
export function tokenTotalsFor(events: readonly SequencedEvent[]): TokenTotals[] {
  const rows: TokenTotals[] = [];
  for (const event of events) {
    if (event.type !== "token_usage" || event.actorId === null) continue;
    let input = 0;
    let output = 0;
    let cacheRead = 0;
    let cacheCreation = 0;
    for (const m of event.models) {
      input += m.inputTokens;
      output += m.outputTokens;
      cacheRead += m.cacheReadTokens;
      cacheCreation += m.cacheCreationTokens;
    }
    rows.push({
      orgId: event.orgId,
      agentId: event.actorId,
      sessionId: event.sessionId,
      inputTokens: input,
      outputTokens: output,
      cacheReadTokens: cacheRead,
      cacheCreationTokens: cacheCreation,
      turns: event.turns,
      lastSeq: event.seq,
      updatedAt: event.at,
    });
  }
  return rows;
}
