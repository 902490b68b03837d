import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { DashboardStore } from "../state/store.js";

export const StoreContext = createContext<DashboardStore | null>(null);

/** The store, re-rendering the caller whenever it changed (at most once per frame). */
export function useStore(): DashboardStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useStore outside <StoreContext.Provider>");
  const [, setRevision] = useState(store.state.revision);
  useEffect(() => store.subscribe(() => setRevision(store.state.revision)), [store]);
  return store;
}

/** Re-renders every `ms` (countdowns, "ago" labels). */
export function useTick(ms: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
