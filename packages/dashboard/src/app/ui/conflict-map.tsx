import { conflictTiles } from "../state/derive.js";
import { band } from "./format.js";
import { HoldIcon } from "./hold-icon.js";
import { useStore } from "./use-store.js";

const MAX_TILES = 300;
/** What the newest symbol-refined scoring of a file said about the agents in it. */
const RELATION_NOTE = {
  disjoint: "disjoint symbols: no edit conflict",
  overlap: "same symbols",
  shared_state: "shared imports or module state",
} as const;

export function ConflictMap() {
  const { state } = useStore();
  const tiles = conflictTiles(state, Date.now() + state.clockOffsetMs);
  return (
    <section class="conflicts" aria-labelledby="conflicts-title">
      <div class="toolbar">
        <h2 id="conflicts-title">Conflict map</h2>
        <span class="count">{tiles.length} held</span>
        <ul class="legend" aria-label="Legend">
          <li>
            <span class="swatch heat-1" /> 1 agent
          </li>
          <li>
            <span class="swatch heat-2" /> 2 agents
          </li>
          <li>
            <span class="swatch heat-3" /> 3+ agents
          </li>
          <li>
            <span class="swatch ring-high" /> score ≥ 90
          </li>
          <li>
            <span class="swatch ring-mid" /> 30–89
          </li>
          <li>
            <HoldIcon via="announced" /> announced
          </li>
          <li>
            <HoldIcon via="claimed" /> claimed
          </li>
          <li>
            <HoldIcon via="editing" /> editing
          </li>
        </ul>
      </div>
      {tiles.length === 0 ? (
        <p class="empty">Nothing is announced, claimed or being edited right now.</p>
      ) : (
        <ul class="tiles" data-testid="conflict-map">
          {tiles.slice(0, MAX_TILES).map((tile) => {
            const heat = Math.min(3, tile.holders.length);
            return (
              <li
                key={tile.entry.key}
                class={`tile heat-${heat} ring-${band(tile.score)}`}
                data-path={tile.entry.path}
                title={`${tile.entry.path}: ${tile.holders.length} agent(s), highest score ${tile.score}`}
              >
                <div class="tile-head">
                  <span class="kind">{tile.entry.kind === "module" ? "module" : "file"}</span>
                  {tile.score > 0 && <span class={`score score-${band(tile.score)}`}>{tile.score}</span>}
                </div>
                <code class="tile-path">{tile.entry.path}</code>
                {tile.relation && (
                  <p class={`tile-note relation-${tile.relation}`} data-testid="tile-relation">
                    {RELATION_NOTE[tile.relation]}
                  </p>
                )}
                <div class="chips">
                  {tile.holders.map((h) => (
                    <span key={h.agentId} class="chip" title={`${h.agentId}: ${h.via.join(", ")}`}>
                      {h.via.map((v) => (
                        <HoldIcon key={v} via={v} />
                      ))}{" "}
                      {state.agents.get(h.agentId)?.name ?? h.agentId}
                      {h.symbols.length > 0 && (
                        <code class="chip-symbols" data-testid="chip-symbols">
                          {" "}
                          {h.symbols.join(", ")}
                        </code>
                      )}
                    </span>
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
