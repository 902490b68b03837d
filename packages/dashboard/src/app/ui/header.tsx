import { isLive } from "../state/model.js";
import { OAuthSignedIn } from "./oauth-sign-in.js";
import { QuotaWidget } from "./quota-widget.js";
import { SignedIn } from "./sign-in.js";
import { useStore } from "./use-store.js";

const CONNECTION_TEXT = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
} as const;

export function Header({ onHelp }: { onHelp: () => void }) {
  const { state } = useStore();
  let online = 0;
  for (const a of state.agents.values()) if (a.status === "online") online += 1;
  let open = 0;
  for (const t of state.threads.values()) if (isLive(t.status)) open += 1;
  return (
    <header class="header">
      <div class="brand">
        <svg aria-hidden="true" viewBox="0 0 24 24" class="logo">
          <circle cx="6" cy="12" r="3" />
          <circle cx="18" cy="6" r="3" />
          <circle cx="18" cy="18" r="3" />
          <path d="M8.6 10.7 15.4 7.3M8.6 13.3l6.8 3.4" />
        </svg>
        <h1>mcp-coordinator</h1>
        <span class="version" data-testid="version">
          {state.server ? `v${state.server.version}` : "…"}
        </span>
        {state.server && <span class="chip">{state.server.mode} mode</span>}
        <SignedIn />
        <OAuthSignedIn />
      </div>
      <dl class="stats">
        <div>
          <dt>Agents online</dt>
          <dd data-testid="agents-online">{online}</dd>
        </div>
        <div>
          <dt>Open threads</dt>
          <dd data-testid="open-threads">{open}</dd>
        </div>
        <div title="Events in the coordinator's log for this org (older ones leave with retention)">
          <dt>Events</dt>
          <dd data-testid="event-count">{state.eventCount.toLocaleString()}</dd>
        </div>
      </dl>
      <QuotaWidget />
      <div class="header-end">
        <output class={`conn conn-${state.connection}`} data-testid="connection" aria-live="polite">
          <span class="dot" aria-hidden="true" />
          {CONNECTION_TEXT[state.connection]}
        </output>
        <button
          type="button"
          class="icon-button"
          onClick={onHelp}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
      </div>
    </header>
  );
}
