import { consensusMetrics, resolutionKinds, scoringBreakdown } from "../state/derive.js";
import { LAYERS, type ScoreLayer } from "../state/model.js";
import { label } from "./format.js";
import { useStore } from "./use-store.js";

const LAYER_NAMES: Record<ScoreLayer, string> = {
  "0a": "same file announced",
  "0s": "same file, disjoint symbols",
  "0b": "they change what you depend on",
  "0c": "you change what they depend on",
  "1": "same file recently edited",
  "2": "dependency recently edited",
  "3": "same module",
  "4": "git co-change",
};

export function ScoringView() {
  const { state } = useStore();
  const scoring = scoringBreakdown(state);
  const metrics = consensusMetrics(state);
  const max = Math.max(1, ...LAYERS.map((l) => Math.max(scoring.winning[l], scoring.fired[l])));
  const kinds = resolutionKinds(metrics.all);
  return (
    <div class="scoring">
      <section class="card" aria-labelledby="scoring-title">
        <h2 id="scoring-title">Scoring breakdown</h2>
        <p class="muted small">Which detection layer fired, over every consultation.</p>
        <figure class="bars" data-testid="scoring-chart" aria-label="Layer counts">
          {LAYERS.map((layer) => (
            <div class="bar-row" key={layer}>
              <span class="bar-label">
                <strong class="mono">{layer}</strong> <span class="muted small">{LAYER_NAMES[layer]}</span>
              </span>
              <span class="bar-track" aria-hidden="true">
                <span class="bar win" style={{ width: `${(scoring.winning[layer] / max) * 100}%` }} />
                <span class="bar fired" style={{ width: `${(scoring.fired[layer] / max) * 100}%` }} />
              </span>
              <span class="bar-value mono" data-layer={layer}>
                {scoring.winning[layer]} / {scoring.fired[layer]}
              </span>
            </div>
          ))}
          <figcaption class="legend-row small">
            <span class="swatch bar win" /> winning layer <span class="swatch bar fired" /> every hit
          </figcaption>
        </figure>
        <div class="chips">
          <span class="chip cat-concerned">concerned {scoring.categories.concerned}</span>
          <span class="chip cat-gray_zone">gray zone {scoring.categories.gray_zone}</span>
          <span class="chip cat-pass">pass {scoring.categories.pass}</span>
        </div>
      </section>
      <section class="card" aria-labelledby="metrics-title">
        <h2 id="metrics-title">Consensus metrics</h2>
        <p class="muted small">How consultations ended, per session (the agent that opened them).</p>
        {metrics.all.total === 0 ? (
          <p class="empty">No consultation yet.</p>
        ) : (
          <table class="metrics" data-testid="consensus-metrics">
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Split</th>
                {kinds.map((k) => (
                  <th scope="col" class="num" key={k}>
                    {label(k)}
                  </th>
                ))}
                <th scope="col" class="num">
                  total
                </th>
              </tr>
            </thead>
            <tbody>
              {[...metrics.sessions, metrics.all].map((row) => (
                <tr key={row.agentId} class={row === metrics.all ? "total" : ""}>
                  <th scope="row" class="mono">
                    {row === metrics.all
                      ? "all sessions"
                      : (state.agents.get(row.agentId)?.name ?? row.agentId)}
                  </th>
                  <td>
                    <span class="split" aria-hidden="true">
                      {kinds.map((k) =>
                        (row.counts[k] ?? 0) > 0 ? (
                          <span
                            key={k}
                            class={`seg res-${k}`}
                            style={{ flexGrow: row.counts[k] }}
                            title={`${label(k)}: ${row.counts[k]}`}
                          />
                        ) : null,
                      )}
                    </span>
                  </td>
                  {kinds.map((k) => (
                    <td class="num" key={k}>
                      {row.counts[k] ?? 0}
                    </td>
                  ))}
                  <td class="num">{row.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
