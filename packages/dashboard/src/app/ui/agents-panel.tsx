import { useState } from "preact/hooks";
import { type AgentRow, type AgentTokens, tokenSum } from "../state/model.js";
import { ago } from "./format.js";
import { TokenGauge } from "./token-gauge.js";
import { useStore } from "./use-store.js";

const ORDER = { working: 0, waiting: 1, idle: 2, offline: 3 } as const;

export function AgentsPanel({ onOpenThread }: { onOpenThread: (id: string) => void }) {
  const { state } = useStore();
  const [showOffline, setShowOffline] = useState(true);
  const agents = [...state.agents.values()]
    .filter((a) => showOffline || a.status === "online")
    .sort((a, b) => ORDER[a.activity] - ORDER[b.activity] || a.name.localeCompare(b.name));
  const now = Date.now() + state.clockOffsetMs;
  const busiest = Math.max(0, ...[...state.tokens.values()].map((t) => tokenSum(t.total)));
  return (
    <section class="panel agents" aria-labelledby="agents-title" tabIndex={-1}>
      <div class="panel-head">
        <h2 id="agents-title">Agents</h2>
        <label class="toggle">
          <input
            type="checkbox"
            checked={showOffline}
            onChange={(e) => setShowOffline((e.target as HTMLInputElement).checked)}
          />
          offline
        </label>
      </div>
      {agents.length === 0 ? (
        <p class="empty">No agent has registered yet.</p>
      ) : (
        <ul class="agent-list" data-testid="agents">
          {agents.map((agent) => (
            <AgentCard
              key={agent.id}
              agent={agent}
              now={now}
              waitingSubject={agent.waitingOn ? state.threads.get(agent.waitingOn)?.subject : undefined}
              onOpenThread={onOpenThread}
              tokens={state.tokens.get(agent.id)}
              busiest={busiest}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function AgentCard({
  agent,
  now,
  waitingSubject,
  onOpenThread,
  tokens,
  busiest,
}: {
  agent: AgentRow;
  now: number;
  waitingSubject: string | undefined;
  onOpenThread: (id: string) => void;
  tokens: AgentTokens | undefined;
  busiest: number;
}) {
  return (
    <li class={`agent agent-${agent.activity}`} data-agent={agent.id}>
      <div class="agent-top">
        <span class={`pulse pulse-${agent.activity}`} aria-hidden="true" />
        <span class="agent-name" title={agent.name}>
          {agent.name}
        </span>
      </div>
      <div class="agent-id">
        <span class={`state state-${agent.activity}`} data-testid="agent-activity">
          {agent.activity}
        </span>
        <span>
          {agent.id} · seen {ago(now - agent.lastSeenAt)} ago
        </span>
      </div>
      {agent.currentFile && (
        <div class="agent-line">
          <span class="muted">editing</span> <code>{agent.currentFile}</code>
        </div>
      )}
      {agent.waitingOn && (
        <div class="agent-line waits-on">
          <span class="muted">waits on</span>
          <button
            type="button"
            class="link"
            title={waitingSubject ?? agent.waitingOn}
            onClick={() => onOpenThread(agent.waitingOn as string)}
          >
            {waitingSubject ?? agent.waitingOn}
          </button>
        </div>
      )}
      {agent.modules.length > 0 && (
        <div class="chips">
          {agent.modules.map((m) => (
            <span key={m} class="chip mono">
              {m}
            </span>
          ))}
        </div>
      )}
      {tokens && <TokenGauge tokens={tokens} busiest={busiest} />}
      {agent.lastAction && <div class="agent-line muted small">“{agent.lastAction}”</div>}
    </li>
  );
}
