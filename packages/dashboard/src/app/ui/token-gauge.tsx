import { type AgentTokens, tokenSum } from "../state/model.js";

/** 1234 → "1.2k", 2_500_000 → "2.5M": a gauge label must stay one short line. */
export function compactCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/**
 * One agent's model tokens: a gauge of its total against the busiest agent's (so the heaviest spender
 * stands out), the split by kind, and the total of its current session.
 */
export function TokenGauge({ tokens, busiest }: { tokens: AgentTokens; busiest: number }) {
  const total = tokenSum(tokens.total);
  const session = tokens.sessions.get(tokens.lastSession);
  const t = tokens.total;
  return (
    <div class="agent-line token-gauge" data-testid="token-gauge">
      <meter min={0} max={Math.max(busiest, 1)} value={total} aria-label="tokens used by this agent" />
      <span data-testid="token-total" title={`${total} tokens`}>
        {compactCount(total)} tokens
      </span>
      <div class="muted small" data-testid="token-split">
        in {compactCount(t.input)} · out {compactCount(t.output)} · cache {compactCount(t.cacheRead)} read,{" "}
        {compactCount(t.cacheCreation)} written
      </div>
      {session && (
        <div class="muted small" data-testid="token-session" title={tokens.lastSession}>
          this session: {tokenSum(session)} tokens
        </div>
      )}
    </div>
  );
}
