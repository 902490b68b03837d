import type { QuotaRecord } from "@mcp-coordinator/core/wire";
import { useState } from "preact/hooks";
import { refreshQuota } from "../net/api.js";
import { useStore } from "./use-store.js";

const WINDOW_NAMES: Readonly<Record<string, string>> = {
  five_hour: "5-hour",
  seven_day: "7-day",
  seven_day_opus: "7-day Opus",
  seven_day_sonnet: "7-day Sonnet",
  requests: "Requests",
  tokens: "Tokens",
  input_tokens: "Input tokens",
  output_tokens: "Output tokens",
};

/**
 * The Anthropic quota in the header: the fullest window against MAX_QUOTA_PCT, a bar per window with its
 * reset time, and a manual refresh. Live: quota.updated events replace the record.
 */
export function QuotaWidget() {
  const store = useStore();
  const { state } = store;
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const quota = state.quota;
  if (quota === null || !quota.enabled) return null;
  const refresh = async () => {
    setBusy(true);
    const answer = await refreshQuota();
    setBusy(false);
    if (typeof answer === "string") {
      setRefusal(answer);
      return;
    }
    setRefusal(null);
    state.quota = answer;
    store.touch();
  };
  const level = quota.over_limit
    ? "over"
    : (quota.utilization_pct ?? 0) >= quota.max_pct * 0.8
      ? "near"
      : "ok";
  return (
    <section class={`quota quota-${level}`} aria-label="Anthropic quota" data-testid="quota">
      <div class="quota-head">
        <span class="quota-title">Quota</span>
        <strong data-testid="quota-utilization">
          {quota.utilization_pct === null ? "—" : `${formatPct(quota.utilization_pct)}`}
        </strong>
        <span class="quota-max">of {quota.max_pct}%</span>
        {quota.over_limit && <span class="chip chip-alert">over limit</span>}
        <button
          type="button"
          class="quota-refresh"
          onClick={refresh}
          disabled={busy}
          data-testid="quota-refresh"
          title={
            quota.backoff_until ? `Backing off until ${clock(quota.backoff_until)}` : "Read the quota now"
          }
        >
          {busy ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      <ul class="quota-windows">
        {quota.windows.map((w) => (
          <QuotaWindowBar key={w.name} window={w} maxPct={quota.max_pct} />
        ))}
      </ul>
      {(refusal ?? quota.error) && (
        <p class="quota-error" role="status" data-testid="quota-error">
          {refusal ?? quota.error}
        </p>
      )}
    </section>
  );
}

function QuotaWindowBar({ window: w, maxPct }: { window: QuotaRecord["windows"][number]; maxPct: number }) {
  const name = WINDOW_NAMES[w.name] ?? w.name;
  return (
    <li data-window={w.name}>
      <span class="quota-window-name">{name}</span>
      <meter
        min={0}
        max={100}
        low={maxPct * 0.8}
        high={maxPct}
        optimum={0}
        value={Math.min(100, w.utilization_pct)}
      >
        {formatPct(w.utilization_pct)}
      </meter>
      <span class="quota-window-pct">{formatPct(w.utilization_pct)}</span>
      {w.resets_at !== null && <span class="quota-reset">resets {clock(w.resets_at)}</span>}
    </li>
  );
}

function formatPct(value: number): string {
  return `${Math.round(value * 10) / 10}%`;
}

function clock(at: number): string {
  return new Date(at).toLocaleString(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });
}
