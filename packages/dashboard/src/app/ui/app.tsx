import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { TimelineFilter } from "../state/derive.js";
import { AgentsPanel } from "./agents-panel.js";
import { ConflictMap } from "./conflict-map.js";
import { Header } from "./header.js";
import { OAuthSignIn } from "./oauth-sign-in.js";
import { ScoringView } from "./scoring-view.js";
import { SignIn } from "./sign-in.js";
import { ThreadDetail } from "./thread-detail.js";
import { Timeline } from "./timeline.js";
import { useStore } from "./use-store.js";

const VIEWS = [
  { id: "timeline", name: "Timeline" },
  { id: "conflicts", name: "Conflict map" },
  { id: "scoring", name: "Scoring & consensus" },
] as const;
type ViewId = (typeof VIEWS)[number]["id"];

export const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ["1 · 2 · 3", "Timeline · Conflict map · Scoring & consensus"],
  ["↑ ↓ / j k", "Move through the timeline"],
  ["Enter", "Open the highlighted thread"],
  ["Escape", "Close the thread (or this help)"],
  ["t", "Focus the timeline"],
  ["a", "Focus the agents panel"],
  ["[ ]", "Narrow or widen the agents panel"],
  ["Ctrl/⌘ Enter", "Post the operator message"],
  ["?", "Show these shortcuts"],
];

export function App() {
  useStore();
  const [view, setView] = useState<ViewId>("timeline");
  const [selected, setSelected] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [filter, setFilter] = useState<TimelineFilter>({ status: "all", agentId: "all" });
  const [help, setHelp] = useState(false);
  const [width, setWidth] = useState(() => Number(localStorage.getItem("agents-width")) || 300);
  const returnFocus = useRef<HTMLElement | null>(null);

  const resize = useCallback((next: number) => {
    const clamped = Math.max(220, Math.min(560, Math.round(next)));
    setWidth(clamped);
    localStorage.setItem("agents-width", String(clamped));
  }, []);
  const open = useCallback((id: string) => {
    returnFocus.current = document.activeElement as HTMLElement | null;
    setSelected(id);
  }, []);
  const close = useCallback(() => {
    setSelected(null);
    returnFocus.current?.focus();
  }, []);

  // The handler is registered once and reads the latest values here, so a key pressed right after a
  // change (before effects re-run) still sees it.
  const latest = useRef({ help, selected, width, close, resize });
  latest.current = { help, selected, width, close, resize };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { help, selected, width, close, resize } = latest.current;
      const target = e.target as HTMLElement;
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (e.key === "Escape") {
        if (help) setHelp(false);
        else if (selected) close();
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      const index = ["1", "2", "3"].indexOf(e.key);
      if (index >= 0) setView(VIEWS[index]?.id ?? "timeline");
      else if (e.key === "?") setHelp(true);
      else if (e.key === "t") {
        setView("timeline");
        requestAnimationFrame(() => document.querySelector<HTMLElement>("[data-testid=timeline]")?.focus());
      } else if (e.key === "a") document.querySelector<HTMLElement>(".agents")?.focus();
      else if (e.key === "[") resize(width - 24);
      else if (e.key === "]") resize(width + 24);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div class="app" style={{ "--agents-width": `${width}px` }}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Header onHelp={() => setHelp(true)} />
      <div class="body">
        <AgentsPanel onOpenThread={open} />
        <Splitter width={width} onResize={resize} />
        <main id="main" class="main">
          <div role="tablist" aria-label="Views" class="tabs">
            {VIEWS.map((v, i) => (
              <button
                key={v.id}
                type="button"
                role="tab"
                id={`tab-${v.id}`}
                aria-selected={view === v.id}
                aria-controls="view"
                tabIndex={view === v.id ? 0 : -1}
                onClick={() => setView(v.id)}
                onKeyDown={(e) => {
                  const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
                  if (!step) return;
                  const next = VIEWS[(i + step + VIEWS.length) % VIEWS.length];
                  if (!next) return;
                  setView(next.id);
                  document.getElementById(`tab-${next.id}`)?.focus();
                }}
              >
                <kbd>{i + 1}</kbd> {v.name}
              </button>
            ))}
          </div>
          <div id="view" role="tabpanel" aria-labelledby={`tab-${view}`} class="view">
            {view === "timeline" && (
              <Timeline
                filter={filter}
                onFilter={(f) => {
                  setFilter(f);
                  setActive(0);
                }}
                selectedId={selected}
                activeIndex={active}
                onActiveIndex={setActive}
                onOpen={open}
              />
            )}
            {view === "conflicts" && <ConflictMap />}
            {view === "scoring" && <ScoringView />}
          </div>
        </main>
        {selected && <ThreadDetail threadId={selected} onClose={close} />}
      </div>
      {help && <Help onClose={() => setHelp(false)} />}
      <SignIn />
      <OAuthSignIn />
    </div>
  );
}

/** The agents panel's drag handle: pointer drag, or the arrow keys when focused (WAI-ARIA window splitter). */
function Splitter({ width, onResize }: { width: number; onResize: (w: number) => void }) {
  const onPointerDown = (e: PointerEvent) => {
    const startX = e.clientX;
    const startWidth = width;
    const el = e.currentTarget as HTMLElement;
    el.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => onResize(startWidth + m.clientX - startX);
    const up = () => {
      el.removeEventListener("pointermove", move);
      el.removeEventListener("pointerup", up);
    };
    el.addEventListener("pointermove", move);
    el.addEventListener("pointerup", up);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable window splitter has no native element (WAI-ARIA APG "Window Splitter").
    <div
      class="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the agents panel"
      aria-valuenow={width}
      aria-valuemin={220}
      aria-valuemax={560}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={(e) => {
        if (e.key === "ArrowLeft") onResize(width - 16);
        else if (e.key === "ArrowRight") onResize(width + 16);
        else return;
        e.preventDefault();
      }}
    />
  );
}

function Help({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} class="help" aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose} autofocus>
        Close
      </button>
    </dialog>
  );
}
