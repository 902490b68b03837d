import type { WireEvent } from "@mcp-coordinator/core/wire";
import { fetchHealth, fetchQuota, fetchSnapshot } from "../net/api.js";
import { startEventStream } from "../net/event-stream.js";
import { applyEvent } from "./apply-event.js";
import { applySnapshot } from "./apply-snapshot.js";
import { type DashboardState, emptyState } from "./model.js";

export interface DashboardStore {
  readonly state: DashboardState;
  /** Called at most once per animation frame after changes. */
  subscribe(listener: () => void): () => void;
  /** Marks a change made outside the event flow (a fetched thread, for example). */
  touch(): void;
  /** Cuts the event stream once; it reconnects and resumes from the last seq. */
  dropConnection(): void;
  stop(): void;
}

/**
 * Follows the server: subscribe to /api/events first, then load the snapshot, then apply what arrived
 * in between. After a drop the stream resumes with Last-Event-ID; if nothing was received yet (no seq to
 * resume from), it starts over with a fresh snapshot.
 */
export function createDashboardStore(): DashboardStore {
  const state = emptyState();
  const listeners = new Set<() => void>();
  let scheduled = false;
  const notify = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      for (const listener of listeners) listener();
    });
  };

  let synced = false;
  let pending: WireEvent[] = [];
  let attempt = 0;
  const loadSnapshot = async (generation: number) => {
    for (let delay = 250; generation === attempt; delay = Math.min(delay * 2, 4_000)) {
      try {
        const snapshot = await fetchSnapshot();
        if (generation !== attempt) return;
        applySnapshot(state, snapshot, Date.now());
        for (const event of pending) applyEvent(state, event);
        pending = [];
        synced = true;
        notify();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };

  const stream = startEventStream({
    url: "/api/events",
    resumeFrom: () => (synced ? state.lastSeq : null),
    onState: (connection) => {
      state.connection = connection;
      state.revision += 1;
      notify();
    },
    onConnected: (resumed) => {
      if (resumed) return;
      synced = false;
      pending = [];
      attempt += 1;
      void loadSnapshot(attempt);
    },
    onEvent: (event) => {
      if (synced) {
        applyEvent(state, event);
        notify();
      } else {
        pending.push(event);
      }
    },
  });
  void fetchHealth()
    .then((health) => {
      state.server = { version: health.version, mode: health.mode };
      state.revision += 1;
      notify();
    })
    .catch(() => {});

  void fetchQuota()
    .then((quota) => {
      // An event that arrived meanwhile is newer than this answer.
      state.quota ??= quota;
      state.revision += 1;
      notify();
    })
    .catch(() => {});

  return {
    state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    touch() {
      state.revision += 1;
      notify();
    },
    dropConnection: () => stream.drop(),
    stop: () => stream.stop(),
  };
}
